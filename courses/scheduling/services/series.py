"""Writes of series and sessions: create, preview, materialise, update (telling registrants), cancel."""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import permissions
from ..exceptions import (
    FacilitatorDoubleBooked,
    NotAllowed,
    SchedulingError,
    SessionCancelled,
)
from ..models import Registration, Session, SessionSeries
from ..recurrence import Occurrence, occurrences
from .common import (
    LOGISTICS_FIELDS,
    SERIES_FIELDS,
    SESSION_FIELDS,
    TIME_OR_PLACE,
    TRANSLATED_LOGISTICS,
    Notice,
    base_field_name,
    horizon_days,
    logistics_of,
    notice_queue,
    retry_when_locked,
    source_language_values,
)
from .registrations import waitlist_promote

logger = logging.getLogger(__name__)
State = Registration.State

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


def _raise_conflicts(conflicts: list[Session], viewer) -> None:
    """A clash names a session only if `viewer` may see it: a department-only session's title is not
    told to someone outside that department."""
    if not conflicts:
        return
    visible = [session for session in conflicts if permissions.can_see_session(viewer, session)]
    first = (visible or conflicts)[0]
    when = date_format(timezone.localtime(first.starts_at, first.tzinfo), "DATETIME_FORMAT")
    if visible:
        message = _("A facilitator already runs “%(title)s” at that time (%(when)s).") % {
            "title": first.display_title,
            "when": when,
        }
    else:
        message = _("A facilitator already runs another session you cannot see at that time (%(when)s).") % {
            "when": when
        }
    raise FacilitatorDoubleBooked(message)


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
    series = SessionSeries(course=course, created_by=created_by)
    _apply(series, source_language_values(None, fields))
    series.full_clean()
    now = now or timezone.now()
    planned = _series_occurrences(series, after=now, before=now + datetime.timedelta(days=horizon_days()))
    _raise_conflicts(
        facilitator_conflicts(facilitators=facilitators, intervals=[(o.starts_at, o.ends_at) for o in planned]),
        created_by,
    )
    series.save()
    series.facilitators.set(facilitators)
    series.restricted_departments.set(list(restricted_departments or []))
    _materialize(series, planned)
    return series


def _session_from_occurrence(series: SessionSeries, occurrence: Occurrence) -> Session:
    values = logistics_of(series)
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


def _apply(instance, values: dict) -> set[str]:
    """Set `values` on a session or series; the names of the logistics fields that changed ("room", not "room_vi")."""
    changed = set()
    for name, value in values.items():
        if name in TRANSLATED_LOGISTICS:
            # The untranslated column and the source language's, set as modeltranslation sets them.
            with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
                if getattr(instance, name) != value:
                    changed.add(name)
                setattr(instance, name, value)
            continue
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.add(base_field_name(name))
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
    _apply(series, source_language_values(series, fields))
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
            ),
            actor,
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

    logistics = logistics_of(series)
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
                notice_queue(Notice.UPDATED, registration.pk)
                change.affected.append(registration)
        if session.capacity > old_capacity:
            waitlist_promote(session)
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
    session = Session(course=course, created_by=created_by, starts_at=starts_at, ends_at=ends_at)
    _apply(session, source_language_values(None, fields))
    session.full_clean()
    _raise_conflicts(facilitator_conflicts(facilitators=facilitators, intervals=[(starts_at, ends_at)]), created_by)
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
    changed = _apply(session, source_language_values(session, fields))
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
            ),
            actor,
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
            notice_queue(Notice.UPDATED, registration.pk)
            told.append(registration)
    if session.capacity > old_capacity:
        waitlist_promote(session)
    return session, told


def _cancel_session(session: Session, *, reason: str) -> list[Registration]:
    """Cancel a locked session and every registration that can still be cancelled; queue the
    cancellations."""
    session.transition(Session.Status.CANCELLED)
    session.cancel_reason = reason
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save()
    told = []
    for registration in session.registrations.select_for_update().filter(
        state__in=Registration.sources_of(State.CANCELLED)
    ):
        was_pending = registration.state == State.PENDING
        registration.transition(State.CANCELLED)
        registration.cancelled_at = session.cancelled_at
        registration.save(update_fields=["state", "cancelled_at", "updated_at"])
        if not was_pending:
            notice_queue(Notice.SESSION_CANCELLED, registration.pk)
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
