"""Attendance: the roster (in bulk), walk-ins, and self check-in with the rotating code."""

import datetime
import hashlib
import hmac
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.people import roles

from .. import permissions
from ..exceptions import (
    InvalidCheckinCode,
    NotAllowed,
    SchedulingError,
    SessionCancelled,
)
from ..models import Registration, Session
from ..signals import session_attended
from .common import retry_when_locked
from .registrations import calendar_offset, seats_taken, session_lock

logger = logging.getLogger(__name__)
State = Registration.State

CHECKIN_ROTATION_SECONDS = 60
CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
CHECKIN_CODE_LENGTH = 6
CHECKIN_EARLY = datetime.timedelta(minutes=30)
CHECKIN_LATE = datetime.timedelta(minutes=30)

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
        if registration.user_id is not None:
            transaction.on_commit(
                lambda: session_attended.send(
                    sender=Registration,
                    registration_id=registration.pk,
                    user_id=registration.user_id,
                    session_id=registration.session_id,
                )
            )
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
    session = session_lock(session)
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


@transaction.atomic
def walk_in_add(*, session: Session, actor, user, now=None) -> Registration:
    """A facilitator records an employee who came without a place as attended (a walk-in). Someone
    already registered is simply marked attended."""
    now = now or timezone.now()
    if not permissions.can_manage_session(actor, session):
        raise NotAllowed(_("Only this session's facilitators or a training admin can take attendance."))
    session = session_lock(session)
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
            calendar_offset=calendar_offset(session, user=user),
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
    session = session_lock(matches[0])
    if not permissions.can_register(user, session):
        raise NotAllowed(_("This session is not open to you. Please speak to the facilitator."))
    return _attend_or_walk_in(session, user, None, now, require_seat=True)
