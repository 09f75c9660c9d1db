"""Writes of scheduling. Keyword-only, atomic; each says what it guarantees.

Seats are never oversold: every change to who holds a seat at a session first locks that session's
row (`select_for_update`), and the waitlist promotion that follows a cancellation happens in the same
transaction as the cancellation.
"""

import datetime
import functools
import hashlib
import hmac
import logging
import random
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.people import roles

from . import permissions
from .exceptions import (
    AlreadyRegistered,
    InvalidCheckinCode,
    InvalidToken,
    NotAllowed,
    RegistrationClosed,
    SchedulingError,
    SessionCancelled,
)
from .models import CalendarToken, Registration, Session, SessionSeries
from .recurrence import Occurrence, occurrences

logger = logging.getLogger(__name__)
State = Registration.State

# Fields a series hands down to its sessions.
LOGISTICS_FIELDS = (
    "title",
    "room",
    "video_link",
    "language",
    "capacity",
    "time_zone",
    "is_public",
    "registration_cutoff_hours",
)
SCHEDULE_FIELDS = ("start_date", "start_time", "end_time", "rrule", "exdates", "time_zone")
SERIES_FIELDS = tuple(dict.fromkeys(LOGISTICS_FIELDS + SCHEDULE_FIELDS + ("required_attendances", "active")))
SESSION_FIELDS = LOGISTICS_FIELDS + ("starts_at", "ends_at")
# A change to one of these sends registrants an updated invitation.
TIME_OR_PLACE = {"starts_at", "ends_at", "room", "video_link"}

CHECKIN_ROTATION_SECONDS = 60
LOCK_RETRY_SECONDS = 30
CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
CHECKIN_CODE_LENGTH = 6
CHECKIN_EARLY = datetime.timedelta(minutes=30)
CHECKIN_LATE = datetime.timedelta(minutes=30)


class FacilitatorDoubleBooked(SchedulingError):
    pass


def horizon_days() -> int:
    return int(getattr(settings, "SCHEDULING_HORIZON_DAYS", 180))


def retry_when_locked(func):
    """SQLite allows one writer at a time; a writer that cannot get the lock in time gets
    "database is locked". Retry the whole transaction a few times in that case (only when it is the
    outermost transaction, so a retry replays everything). PostgreSQL waits on the row lock instead."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return func(*args, **kwargs)
        deadline = time.monotonic() + LOCK_RETRY_SECONDS
        delay = 0.01
        while True:
            try:
                return func(*args, **kwargs)
            except OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                # Jitter so that waiting writers do not all come back at the same moment.
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 0.2)

    return wrapper


# ---------------------------------------------------------------------------------------------------
# Notifications: queued after commit, sent by courses.scheduling.tasks (idempotent there).


def _queue(kind: str, registration_id: int) -> None:
    from django_q.tasks import async_task

    # robust: a failure to queue an e-mail is logged; it must not make a committed booking look failed.
    transaction.on_commit(
        lambda: async_task("courses.scheduling.tasks.send_registration_email", registration_id, kind), robust=True
    )


class Notice:
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    SESSION_CANCELLED = "session_cancelled"
    REMINDER = "reminder"
    GUEST_CONFIRM = "guest_confirm"


# ---------------------------------------------------------------------------------------------------
# Series and sessions


@dataclass
class SeriesChange:
    """What an edit of a series did: sessions created, updated and cancelled, and the registrations
    (people) who were told."""

    series: SessionSeries
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    affected: list = field(default_factory=list)  # Registration rows that were sent an update/cancel

    @property
    def affected_people(self) -> int:
        return len({(r.user_id, r.guest_email) for r in self.affected})


def _check_facilitators(facilitators) -> list:
    facilitators = list(facilitators or [])
    if not facilitators:
        raise SchedulingError(_("Choose at least one facilitator."))
    return facilitators


def facilitator_conflicts(*, facilitators, intervals, exclude: Q | None = None) -> list[Session]:
    """Scheduled sessions that one of `facilitators` runs and that overlap one of `intervals`
    ((start, end) pairs), leaving out those matched by `exclude`. One query."""
    intervals = list(intervals)
    if not intervals:
        return []
    overlap = Q()
    for start, end in intervals:
        overlap |= Q(starts_at__lt=end, ends_at__gt=start)
    return list(
        Session.objects.filter(overlap, status=Session.Status.SCHEDULED, facilitators__in=list(facilitators))
        .exclude(exclude or Q(pk__in=[]))
        .distinct()
        .select_related("course")
    )


def _raise_conflicts(conflicts: list[Session]) -> None:
    if conflicts:
        first = conflicts[0]
        raise FacilitatorDoubleBooked(
            _("A facilitator already runs “%(title)s” at that time (%(when)s).")
            % {
                "title": first.display_title,
                "when": timezone.localtime(first.starts_at, first.tzinfo).strftime("%Y-%m-%d %H:%M"),
            }
        )


def _series_occurrences(series: SessionSeries, *, after, before) -> list[Occurrence]:
    return occurrences(
        start_date=series.start_date,
        start_time=series.start_time,
        end_time=series.end_time,
        time_zone=series.time_zone,
        rrule=series.rrule,
        exdates=series.exdates,
        after=after,
        before=before,
    )


def series_preview(
    *, start_date, start_time, end_time, time_zone, rrule="", exdates=(), count=6, now=None
) -> list[Occurrence]:
    """The next `count` dates a series would meet on (for the form's preview). RecurrenceError when
    the rule cannot be understood."""
    return occurrences(
        start_date=start_date,
        start_time=start_time,
        end_time=end_time,
        time_zone=time_zone,
        rrule=rrule,
        exdates=exdates,
        after=now or timezone.now(),
        limit=count,
    )


@transaction.atomic
def series_create(
    *,
    created_by,
    course,
    facilitators,
    restricted_departments=(),
    now=None,
    **fields,
) -> SessionSeries:
    """Create a series and its sessions up to the horizon. Validation errors (ValidationError) and a
    facilitator who already runs a session at one of its times (FacilitatorDoubleBooked) leave
    nothing behind."""
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"Unknown series fields: {sorted(unknown)}")
    facilitators = _check_facilitators(facilitators)
    series = SessionSeries(course=course, created_by=created_by, **fields)
    series.full_clean()
    now = now or timezone.now()
    planned = _series_occurrences(series, after=now, before=now + datetime.timedelta(days=horizon_days()))
    _raise_conflicts(
        facilitator_conflicts(facilitators=facilitators, intervals=[(o.starts_at, o.ends_at) for o in planned])
    )
    series.save()
    series.facilitators.set(facilitators)
    series.restricted_departments.set(list(restricted_departments or []))
    _materialize(series, planned)
    return series


def _session_from_occurrence(series: SessionSeries, occurrence: Occurrence) -> Session:
    values = {name: getattr(series, name) for name in LOGISTICS_FIELDS}
    return Session(
        series=series,
        course_id=series.course_id,
        starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at,
        original_start=occurrence.starts_at,
        created_by_id=series.created_by_id,
        **values,
    )


def _copy_people(series: SessionSeries, sessions: list[Session]) -> None:
    facilitator_ids = list(series.facilitators.values_list("pk", flat=True))
    department_ids = list(series.restricted_departments.values_list("pk", flat=True))
    for session in sessions:
        session.facilitators.set(facilitator_ids)
        session.restricted_departments.set(department_ids)


def _materialize(series: SessionSeries, planned: list[Occurrence]) -> list[Session]:
    existing = set(series.sessions.values_list("original_start", flat=True))
    # A session of the series that was moved or cancelled on its own still stands for its date.
    taken_dates = {start.astimezone(series.tzinfo).date() for start in existing if start is not None}
    created = []
    for occurrence in planned:
        if occurrence.starts_at in existing or occurrence.local_date in taken_dates:
            continue
        session = _session_from_occurrence(series, occurrence)
        session.full_clean()
        session.save()
        created.append(session)
    _copy_people(series, created)
    return created


@retry_when_locked
@transaction.atomic
def series_materialize(*, series_id: int, horizon: int | None = None, now=None) -> list[Session]:
    """Create the sessions of the series from now up to `horizon` days ahead (default
    SCHEDULING_HORIZON_DAYS). Idempotent: an occurrence that already has a session (even one moved or
    cancelled on its own) gets no second one. Returns the sessions created."""
    series = SessionSeries.objects.select_for_update().filter(pk=series_id).first()
    if series is None or not series.active:
        return []
    now = now or timezone.now()
    planned = _series_occurrences(series, after=now, before=now + datetime.timedelta(days=horizon or horizon_days()))
    return _materialize(series, planned)


def series_materialize_all(*, horizon: int | None = None) -> int:
    """Keep every active series' horizon filled (the daily task). Returns the sessions created."""
    created = 0
    for series_id in SessionSeries.objects.filter(active=True).values_list("pk", flat=True):
        try:
            created += len(series_materialize(series_id=series_id, horizon=horizon))
        except Exception:  # one broken series must not stop the others
            logger.exception("Could not fill the horizon of series %s", series_id)
    return created


def _apply(session: Session, values: dict) -> set[str]:
    changed = set()
    for name, value in values.items():
        if getattr(session, name) != value:
            setattr(session, name, value)
            changed.add(name)
    return changed


def _set_m2m(manager, ids) -> bool:
    ids = set(ids)
    if set(manager.values_list("pk", flat=True)) == ids:
        return False
    manager.set(ids)
    return True


@transaction.atomic
def series_update(
    *,
    series: SessionSeries,
    actor,
    facilitators=None,
    restricted_departments=None,
    now=None,
    **fields,
) -> SeriesChange:
    """Change a series and carry the change to its future sessions that have not been changed or
    cancelled on their own. A session keeps its registrations when its date moves (sessions are
    matched to the new dates by local date, then in order); sessions whose date disappeared are
    cancelled, new dates get sessions. Every changed session's SEQUENCE grows; people registered for
    a session whose time or place changed get an updated invitation, those of a removed session a
    cancellation. Returns what happened, including who was affected."""
    if not permissions.can_manage_series(actor, series):
        raise NotAllowed(_("Only this series' facilitators or a training admin can change it."))
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"Unknown series fields: {sorted(unknown)}")
    series = SessionSeries.objects.select_for_update().get(pk=series.pk)
    for name, value in fields.items():
        setattr(series, name, value)
    series.full_clean()
    now = now or timezone.now()
    facilitator_ids = (
        [user.pk for user in _check_facilitators(facilitators)]
        if facilitators is not None
        else list(series.facilitators.values_list("pk", flat=True))
    )
    planned = _series_occurrences(series, after=now, before=now + datetime.timedelta(days=horizon_days()))
    if series.active:
        _raise_conflicts(
            facilitator_conflicts(
                facilitators=facilitator_ids,
                intervals=[(o.starts_at, o.ends_at) for o in planned],
                exclude=Q(series=series),
            )
        )
    series.sequence += 1
    series.save()
    _set_m2m(series.facilitators, facilitator_ids)
    if restricted_departments is not None:
        _set_m2m(series.restricted_departments, [d.pk for d in restricted_departments])
    department_ids = list(series.restricted_departments.values_list("pk", flat=True))

    change = SeriesChange(series=series)
    own = list(Session.objects.select_for_update().filter(series=series, starts_at__gt=now).order_by("starts_at", "id"))
    followers = [s for s in own if not s.detached and s.status == Session.Status.SCHEDULED]
    frozen_dates = {
        (s.original_start or s.starts_at).astimezone(series.tzinfo).date()
        for s in own
        if s.detached or s.status != Session.Status.SCHEDULED
    }
    # Past sessions keep their date too.
    frozen_dates |= {
        start.astimezone(series.tzinfo).date()
        for start in series.sessions.filter(starts_at__lte=now).values_list("original_start", flat=True)
        if start is not None
    }
    wanted = [o for o in planned if o.local_date not in frozen_dates] if series.active else []

    def local_date(session):
        return (session.original_start or session.starts_at).astimezone(series.tzinfo).date()

    by_date = {o.local_date: o for o in wanted}
    pairs, unmatched_sessions = [], []
    for session in followers:
        occurrence = by_date.pop(local_date(session), None)
        if occurrence is None:
            unmatched_sessions.append(session)
        else:
            pairs.append((session, occurrence))
    unmatched_occurrences = [o for o in wanted if o.local_date in by_date]
    while unmatched_sessions and unmatched_occurrences:
        pairs.append((unmatched_sessions.pop(0), unmatched_occurrences.pop(0)))

    logistics = {name: getattr(series, name) for name in LOGISTICS_FIELDS}
    for session, occurrence in sorted(pairs, key=lambda pair: pair[1].starts_at):
        old_capacity = session.capacity
        changed = _apply(
            session,
            {**logistics, "starts_at": occurrence.starts_at, "ends_at": occurrence.ends_at},
        )
        session.original_start = occurrence.starts_at
        people_changed = _set_m2m(session.facilitators, facilitator_ids)
        people_changed |= _set_m2m(session.restricted_departments, department_ids)
        if not changed and not people_changed:
            session.save(update_fields=["original_start"])
            continue
        session.sequence += 1
        session.full_clean()
        session.save()
        change.updated.append(session)
        if changed & TIME_OR_PLACE:
            for registration in session.registrations.filter(state__in=Registration.ACTIVE):
                _queue(Notice.UPDATED, registration.pk)
                change.affected.append(registration)
        if session.capacity > old_capacity:
            _promote_waitlist(session)
    for session in unmatched_sessions:
        change.affected.extend(_cancel_session(session, reason=_("This date was removed from the series.")))
        change.cancelled.append(session)
    for occurrence in unmatched_occurrences:
        session = _session_from_occurrence(series, occurrence)
        session.full_clean()
        session.save()
        session.facilitators.set(facilitator_ids)
        session.restricted_departments.set(department_ids)
        change.created.append(session)
    return change


@transaction.atomic
def session_create(
    *,
    created_by,
    course,
    facilitators,
    starts_at,
    ends_at,
    restricted_departments=(),
    **fields,
) -> Session:
    """Create a one-off session (no series). Refused if a facilitator is busy at that time."""
    unknown = set(fields) - set(LOGISTICS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    facilitators = _check_facilitators(facilitators)
    session = Session(course=course, created_by=created_by, starts_at=starts_at, ends_at=ends_at, **fields)
    session.full_clean()
    _raise_conflicts(facilitator_conflicts(facilitators=facilitators, intervals=[(starts_at, ends_at)]))
    session.save()
    session.facilitators.set(facilitators)
    session.restricted_departments.set(list(restricted_departments or []))
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    actor,
    facilitators=None,
    restricted_departments=None,
    **fields,
) -> tuple[Session, list[Registration]]:
    """Change one session. A session of a series is then `detached`: later edits of the series leave
    it alone. SEQUENCE grows on every change; registrants are sent an update when the time or place
    changed. Returns (session, registrations told)."""
    if not permissions.can_manage_session(actor, session):
        raise NotAllowed(_("Only this session's facilitators or a training admin can change it."))
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise SessionCancelled(_("This session was cancelled and can no longer be changed."))
    old_capacity = session.capacity
    changed = _apply(session, fields)
    session.full_clean()
    facilitator_ids = (
        [u.pk for u in _check_facilitators(facilitators)]
        if facilitators is not None
        else list(session.facilitators.values_list("pk", flat=True))
    )
    if changed & {"starts_at", "ends_at"} or facilitators is not None:
        _raise_conflicts(
            facilitator_conflicts(
                facilitators=facilitator_ids,
                intervals=[(session.starts_at, session.ends_at)],
                exclude=Q(pk=session.pk),
            )
        )
    people_changed = False
    if facilitators is not None:
        people_changed |= _set_m2m(session.facilitators, facilitator_ids)
    if restricted_departments is not None:
        people_changed |= _set_m2m(session.restricted_departments, [d.pk for d in restricted_departments])
    if not changed and not people_changed:
        return session, []
    session.sequence += 1
    if session.series_id:
        session.detached = True
    session.save()
    told = []
    if changed & TIME_OR_PLACE:
        for registration in session.registrations.filter(state__in=Registration.ACTIVE):
            _queue(Notice.UPDATED, registration.pk)
            told.append(registration)
    if session.capacity > old_capacity:
        _promote_waitlist(session)
    return session, told


def _cancel_session(session: Session, *, reason: str) -> list[Registration]:
    """Cancel a locked session and every active registration; queue the cancellations."""
    session.status = Session.Status.CANCELLED
    session.cancel_reason = reason
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save()
    told = []
    for registration in session.registrations.select_for_update().filter(
        state__in=(State.BOOKED, State.WAITLISTED, State.PENDING)
    ):
        was_pending = registration.state == State.PENDING
        registration.transition(State.CANCELLED)
        registration.cancelled_at = session.cancelled_at
        registration.save(update_fields=["state", "cancelled_at", "updated_at"])
        if not was_pending:
            _queue(Notice.SESSION_CANCELLED, registration.pk)
            told.append(registration)
    return told


@transaction.atomic
def session_cancel(*, session: Session, actor, reason: str) -> list[Registration]:
    """Cancel a session with a reason. Everyone booked or waitlisted is told (with a calendar
    cancellation). Returns the registrations told."""
    if not permissions.can_manage_session(actor, session):
        raise NotAllowed(_("Only this session's facilitators or a training admin can cancel it."))
    reason = (reason or "").strip()
    if not reason:
        raise SchedulingError(_("Say why the session is cancelled: the people registered will read it."))
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise SessionCancelled(_("This session is already cancelled."))
    if session.ends_at <= timezone.now():
        raise SchedulingError(_("This session is over and can no longer be cancelled."))
    return _cancel_session(session, reason=reason)


# ---------------------------------------------------------------------------------------------------
# Registration


def seats_taken(session: Session) -> int:
    return session.registrations.filter(state__in=Registration.SEATED).count()


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _check_open(session: Session, now) -> None:
    if session.is_cancelled:
        raise SessionCancelled(_("This session was cancelled."))
    if now >= session.registration_closes_at:
        raise RegistrationClosed(_("Registration for this session has closed."))


def _calendar_offset(session: Session, **person) -> int:
    return Registration.objects.filter(session=session, **person).count()


def _seat_or_waitlist(session: Session, registration: Registration, now) -> None:
    if seats_taken(session) < session.capacity:
        registration.state = State.BOOKED
        registration.waitlisted_at = None
    else:
        registration.state = State.WAITLISTED
        registration.waitlisted_at = now


@retry_when_locked
@transaction.atomic
def registration_create(*, session: Session, user, now=None, notify: bool = True) -> Registration:
    """Register `user` (booked if a seat is free, waitlisted otherwise). Refused — nothing changed —
    when the session is not open to them (NotAllowed), closed or cancelled, or they already hold a
    place. The seat count is read under a lock on the session row, so seats are never oversold.
    The person is e-mailed (invitation or waitlist notice) unless `notify=False` (demo data)."""
    now = now or timezone.now()
    session = _lock(session)
    if not permissions.can_register(user, session):
        raise NotAllowed(_("This session is not open to you."))
    _check_open(session, now)
    if session.registrations.filter(user=user).exclude(state=State.CANCELLED).exists():
        raise AlreadyRegistered(_("You are already registered for this session."))
    registration = Registration(session=session, user=user, calendar_offset=_calendar_offset(session, user=user))
    _seat_or_waitlist(session, registration, now)
    registration.full_clean()
    registration.save()
    if notify:
        _queue(Notice.BOOKED if registration.state == State.BOOKED else Notice.WAITLISTED, registration.pk)
    return registration


def _promote_waitlist(session: Session) -> list[Registration]:
    """Fill free seats of a locked session from the waitlist, first come first served."""
    if session.is_cancelled or session.starts_at <= timezone.now():
        return []
    free = session.capacity - seats_taken(session)
    if free <= 0:
        return []
    promoted = list(
        session.registrations.select_for_update().filter(state=State.WAITLISTED).order_by("waitlisted_at", "id")[:free]
    )
    for registration in promoted:
        registration.transition(State.BOOKED)
        registration.save(update_fields=["state", "updated_at"])
        _queue(Notice.PROMOTED, registration.pk)
    return promoted


@retry_when_locked
@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, now=None) -> Registration:
    """Cancel a booking or a waitlist place (the person themself, or a facilitator of the session).
    Inside the cut-off it is still cancelled but recorded as late. The seat goes to the first person
    on the waitlist in the same transaction. `actor=None` only for a guest's own confirmed link."""
    now = now or timezone.now()
    session = _lock(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if actor is not None and registration.user_id != actor.pk and not permissions.can_manage_session(actor, session):
        raise NotAllowed(_("You can only cancel your own registration."))
    was = registration.state
    registration.transition(State.CANCELLED)
    if session.starts_at <= now and was != State.PENDING:
        raise RegistrationClosed(_("This session has started; it can no longer be cancelled."))
    registration.cancelled_at = now
    registration.late_cancel = was == State.BOOKED and now >= session.registration_closes_at
    registration.save(update_fields=["state", "cancelled_at", "late_cancel", "updated_at"])
    if was != State.PENDING:
        _queue(Notice.CANCELLED, registration.pk)
    if was == State.BOOKED:
        _promote_waitlist(session)
    return registration


@retry_when_locked
@transaction.atomic
def guest_registration_create(*, session: Session, name: str, email: str, language: str = "", now=None):
    """A person without an account asks for a place at a public session. Nothing is held until they
    follow the link e-mailed to them (the registration waits as PENDING); asking again re-sends the
    link. No account is created."""
    now = now or timezone.now()
    session = _lock(session)
    if not session.is_public:
        raise NotAllowed(_("This session is open to city employees only."))
    _check_open(session, now)
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name or not email:
        raise SchedulingError(_("Give your name and your e-mail address."))
    existing = session.registrations.filter(user=None, guest_email=email).exclude(state=State.CANCELLED).first()
    if existing is not None:
        if existing.state != State.PENDING:
            raise AlreadyRegistered(_("This e-mail address is already registered for this session."))
        _queue(Notice.GUEST_CONFIRM, existing.pk)
        return existing
    registration = Registration(
        session=session,
        guest_name=name,
        guest_email=email,
        language=(language or get_language() or settings.LANGUAGE_CODE),
        state=State.PENDING,
        confirmation_token=secrets.token_urlsafe(32),
        calendar_offset=_calendar_offset(session, user=None, guest_email=email),
    )
    registration.full_clean()
    registration.save()
    _queue(Notice.GUEST_CONFIRM, registration.pk)
    return registration


def guest_registration_by_token(token: str) -> Registration:
    registration = (
        Registration.objects.select_related("session", "session__course")
        .filter(confirmation_token=token, user=None)
        .first()
        if token
        else None
    )
    if registration is None:
        raise InvalidToken(_("This link is not valid. Please register again from the session's page."))
    return registration


@retry_when_locked
@transaction.atomic
def guest_registration_confirm(*, token: str, now=None) -> Registration:
    """Confirm a guest's e-mail address: they are booked, or waitlisted when the session is full.
    Following the link again changes nothing."""
    now = now or timezone.now()
    registration = guest_registration_by_token(token)
    session = _lock(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.state != State.PENDING:
        return registration
    _check_open(session, now)
    _seat_or_waitlist(session, registration, now)
    registration.confirmed_at = now
    registration.save(update_fields=["state", "waitlisted_at", "confirmed_at", "updated_at"])
    _queue(Notice.BOOKED if registration.state == State.BOOKED else Notice.WAITLISTED, registration.pk)
    return registration


def guest_registration_cancel(*, token: str, now=None) -> Registration:
    """A guest cancels through their link."""
    return registration_cancel(registration=guest_registration_by_token(token), actor=None, now=now)


# ---------------------------------------------------------------------------------------------------
# Attendance


def _credit_attendance(registration: Registration) -> None:
    """Complete the course's live-session module(s) once the person has attended enough sessions:
    any N sessions of the course, or — for a reading circle's series — N meetings of that series."""
    from courses.catalogue.models import Course, LiveSessionModule
    from courses.catalogue.services import enrollment_create, module_complete

    if registration.user_id is None:
        return
    session = registration.session
    modules = list(LiveSessionModule.objects.filter(course_id=session.course_id))
    if not modules:
        return
    series = session.series
    attended = Registration.objects.filter(user_id=registration.user_id, state=State.ATTENDED)
    if series is not None and (series.required_attendances or session.course.format == Course.Format.READING_CIRCLE):
        count = attended.filter(session__series=series).count()
    else:
        count = attended.filter(session__course_id=session.course_id).count()
    enrollment = None
    for module in modules:
        needed = (series.required_attendances if series and series.required_attendances else None) or (
            module.required_attendances
        )
        if count < needed:
            continue
        if enrollment is None:
            enrollment, _created = enrollment_create(user=registration.user, course=session.course)
        module_complete(enrollment=enrollment, module=module)


def _mark(registration: Registration, state, actor, now) -> bool:
    if registration.state == state:
        return False
    if registration.state == State.WAITLISTED and state == State.ATTENDED:
        # They came anyway: the facilitator let them in.
        registration.transition(State.BOOKED)
    registration.transition(state)
    registration.attendance_marked_at = now
    registration.attendance_marked_by = actor
    registration.save(update_fields=["state", "attendance_marked_at", "attendance_marked_by", "updated_at"])
    if state == State.ATTENDED:
        _credit_attendance(registration)
    return True


def _check_attendance_open(session: Session, now) -> None:
    if session.is_cancelled:
        raise SessionCancelled(_("This session was cancelled."))
    if now < session.starts_at - CHECKIN_EARLY:
        raise SchedulingError(_("Attendance can be taken from 30 minutes before the session starts."))


@transaction.atomic
def attendance_mark(*, session: Session, actor, attended=(), no_show=(), now=None) -> int:
    """Mark registrations of `session` (ids) attended or no-show, in bulk. Only the session's
    facilitators or a training admin (NotAllowed). All or nothing: an illegal move (say, a cancelled
    registration marked attended) raises IllegalTransition and changes nothing. Attending completes
    the course's live-session module when the person has attended enough. Returns how many changed."""
    now = now or timezone.now()
    if not permissions.can_manage_session(actor, session):
        raise NotAllowed(_("Only this session's facilitators or a training admin can take attendance."))
    session = _lock(session)
    _check_attendance_open(session, now)
    attended, no_show = {int(i) for i in attended}, {int(i) for i in no_show}
    if attended & no_show:
        raise SchedulingError(_("A person cannot be both present and absent."))
    rows = {
        r.pk: r
        for r in session.registrations.select_for_update(of=("self",))
        .select_related("user", "session", "session__series", "session__course")
        .filter(pk__in=attended | no_show)
    }
    if set(rows) != attended | no_show:
        raise SchedulingError(_("Some of these people are not registered for this session."))
    changed = 0
    for pk in sorted(rows):
        changed += _mark(rows[pk], State.ATTENDED if pk in attended else State.NO_SHOW, actor, now)
    return changed


def registration_mark(*, registration: Registration, actor, state, now=None) -> Registration:
    """Mark one registration attended or no-show (see attendance_mark)."""
    kwargs = {"attended": [registration.pk]} if state == State.ATTENDED else {"no_show": [registration.pk]}
    attendance_mark(session=registration.session, actor=actor, now=now, **kwargs)
    registration.refresh_from_db()
    return registration


@transaction.atomic
def walk_in_add(*, session: Session, actor, user, now=None) -> Registration:
    """A facilitator records an employee who came without a place as attended (a walk-in). Someone
    already registered is simply marked attended."""
    now = now or timezone.now()
    if not permissions.can_manage_session(actor, session):
        raise NotAllowed(_("Only this session's facilitators or a training admin can take attendance."))
    session = _lock(session)
    _check_attendance_open(session, now)
    if roles.employee_of(user) is None and not session.is_public:
        raise NotAllowed(_("Only employees can be added to this session."))
    return _attend_or_walk_in(session, user, actor, now, require_seat=False)


def _attend_or_walk_in(session, user, actor, now, *, require_seat) -> Registration:
    registration = (
        session.registrations.select_for_update(of=("self",))
        .select_related("user", "session__series", "session__course")
        .filter(user=user)
        .exclude(state=State.CANCELLED)
        .first()
    )
    if registration is None:
        if require_seat and seats_taken(session) >= session.capacity:
            raise SchedulingError(_("This session is full. Please speak to the facilitator."))
        registration = Registration.objects.create(
            session=session,
            user=user,
            state=State.BOOKED,
            walk_in=True,
            calendar_offset=_calendar_offset(session, user=user),
        )
    elif registration.state == State.WAITLISTED and require_seat and seats_taken(session) >= session.capacity:
        raise SchedulingError(_("This session is full. Please speak to the facilitator."))
    if registration.state != State.ATTENDED:
        _mark(registration, State.ATTENDED, actor, now)
    return registration


def checkin_code(session: Session, at: datetime.datetime | None = None) -> str:
    """The session's check-in code for the rotation window containing `at` (shown in the room as a
    QR code and typed text)."""
    at = at or timezone.now()
    window = int(at.timestamp()) // CHECKIN_ROTATION_SECONDS
    digest = hmac.new(
        (settings.SECRET_KEY + session.checkin_secret).encode(), str(window).encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _i in range(CHECKIN_CODE_LENGTH):
        number, index = divmod(number, len(CHECKIN_ALPHABET))
        chars.append(CHECKIN_ALPHABET[index])
    return "".join(chars)


def checkin_codes_accepted(session: Session, at: datetime.datetime | None = None) -> set[str]:
    """The current code and the previous one (so someone scanning as it changes still gets in)."""
    at = at or timezone.now()
    return {checkin_code(session, at), checkin_code(session, at - datetime.timedelta(seconds=CHECKIN_ROTATION_SECONDS))}


def normalise_checkin_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


@retry_when_locked
@transaction.atomic
def session_checkin(*, user, code: str, now=None) -> Registration:
    """Self check-in with the code shown in the room: the logged-in person is marked attended, and
    registered as a walk-in if they had no place and a seat is free. Codes expire after one to two
    rotation windows; an unknown or expired code (InvalidCheckinCode) changes nothing."""
    now = now or timezone.now()
    code = normalise_checkin_code(code)
    if len(code) != CHECKIN_CODE_LENGTH:
        raise InvalidCheckinCode(_("This check-in code is not valid. Codes have six letters and digits."))
    running = Session.objects.filter(
        status=Session.Status.SCHEDULED, starts_at__lte=now + CHECKIN_EARLY, ends_at__gte=now - CHECKIN_LATE
    )
    matches = [s for s in running if code in checkin_codes_accepted(s, now)]
    if not matches:
        raise InvalidCheckinCode(
            _("This check-in code is not valid or has expired. Please use the code shown in the room now.")
        )
    if len(matches) > 1:
        mine = [s for s in matches if s.registrations.filter(user=user).exclude(state=State.CANCELLED).exists()]
        matches = mine or matches
    session = _lock(matches[0])
    if not permissions.can_register(user, session):
        raise NotAllowed(_("This session is not open to you. Please speak to the facilitator."))
    return _attend_or_walk_in(session, user, None, now, require_seat=True)


# ---------------------------------------------------------------------------------------------------
# Calendar feed tokens


@retry_when_locked
@transaction.atomic
def calendar_token_for(*, user) -> CalendarToken:
    """The person's active feed token, created on first use."""
    token = CalendarToken.objects.select_for_update().filter(user=user, revoked_at=None).first()
    return token or CalendarToken.objects.create(user=user)


@retry_when_locked
@transaction.atomic
def calendar_token_regenerate(*, user) -> CalendarToken:
    """Revoke the person's feed token (old subscriptions stop working) and issue a new one."""
    CalendarToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
    return CalendarToken.objects.create(user=user)


@transaction.atomic
def calendar_token_revoke(*, user) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
