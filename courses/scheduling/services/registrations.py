"""Registration and the waitlist, for employees and guests.

Seats are never oversold: every change to who holds a seat at a session first locks that session's
row (`select_for_update`), and the waitlist promotion that follows a cancellation happens in the same
transaction as the cancellation."""

import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import permissions
from ..exceptions import (
    AlreadyRegistered,
    InvalidToken,
    NotAllowed,
    RegistrationClosed,
    SchedulingError,
    SessionCancelled,
)
from ..models import Registration, Session
from .accommodations import accommodation_save
from .common import Notice, notice_queue, retry_when_locked

logger = logging.getLogger(__name__)
State = Registration.State

# ---------------------------------------------------------------------------------------------------
# Registration


def seats_taken(session: Session) -> int:
    return session.registrations.filter(state__in=Registration.SEATED).count()


def session_lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _check_open(session: Session, now) -> None:
    if session.is_cancelled:
        raise SessionCancelled(_("This session was cancelled."))
    if now >= session.registration_closes_at:
        raise RegistrationClosed(_("Registration for this session has closed."))


def calendar_offset(session: Session, **person) -> int:
    return Registration.objects.filter(session=session, **person).count()


def _seat_or_waitlist(session: Session) -> str:
    """Where a person asking for a place at a locked session goes: a seat if one is free."""
    return State.BOOKED if seats_taken(session) < session.capacity else State.WAITLISTED


@retry_when_locked
@transaction.atomic
def registration_create(
    *, session: Session, user, now=None, notify: bool = True, accommodation: dict | None = None
) -> Registration:
    """Register `user` (booked if a seat is free, waitlisted otherwise), with their optional
    `accommodation` request (see accommodations.accommodation_save). Refused — nothing changed —
    when the session is not open to them (NotAllowed), closed or cancelled, or they already hold a
    place. The seat count is read under a lock on the session row, so seats are never oversold.
    The person is e-mailed (invitation or waitlist notice) unless `notify=False` (demo data)."""
    now = now or timezone.now()
    session = session_lock(session)
    if not permissions.can_register(user, session):
        raise NotAllowed(_("This session is not open to you."))
    _check_open(session, now)
    if session.registrations.filter(user=user).exclude(state=State.CANCELLED).exists():
        raise AlreadyRegistered(_("You are already registered for this session."))
    state = _seat_or_waitlist(session)
    registration = Registration(
        session=session,
        user=user,
        state=state,
        waitlisted_at=now if state == State.WAITLISTED else None,
        calendar_offset=calendar_offset(session, user=user),
    )
    registration.full_clean()
    registration.save()
    accommodation_save(registration=registration, request=accommodation)
    if notify:
        notice_queue(Notice.BOOKED if registration.state == State.BOOKED else Notice.WAITLISTED, registration.pk)
    return registration


def waitlist_promote(session: Session) -> list[Registration]:
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
        notice_queue(Notice.PROMOTED, registration.pk)
    return promoted


@retry_when_locked
@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, now=None) -> Registration:
    """Cancel a booking or a waitlist place (the person themself, or a facilitator of the session).
    Inside the cut-off it is still cancelled but recorded as late. The seat goes to the first person
    on the waitlist in the same transaction. `actor=None` only for a guest's own confirmed link."""
    now = now or timezone.now()
    session = session_lock(registration.session)
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
        notice_queue(Notice.CANCELLED, registration.pk)
    if was == State.BOOKED:
        waitlist_promote(session)
    return registration


@retry_when_locked
@transaction.atomic
def guest_registration_create(
    *, session: Session, name: str, email: str, language: str = "", now=None, accommodation: dict | None = None
):
    """A person without an account asks for a place at a public session (with an optional
    `accommodation` request, kept with the registration). Nothing is held until they
    follow the link e-mailed to them (the registration waits as PENDING); asking again re-sends the
    link. No account is created. The answer does not depend on whether the address is already
    registered (the form must not tell a stranger who is coming): a guest who already has a place is
    e-mailed that, with their link to cancel."""
    now = now or timezone.now()
    session = session_lock(session)
    if not session.is_public:
        raise NotAllowed(_("This session is open to city employees only."))
    _check_open(session, now)
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name or not email:
        raise SchedulingError(_("Give your name and your e-mail address."))
    existing = session.registrations.filter(user=None, guest_email=email).exclude(state=State.CANCELLED).first()
    if existing is not None:
        notice_queue(Notice.GUEST_CONFIRM if existing.state == State.PENDING else Notice.GUEST_ALREADY, existing.pk)
        return existing
    registration = Registration(
        session=session,
        guest_name=name,
        guest_email=email,
        language=(language or get_language() or settings.LANGUAGE_CODE),
        state=State.PENDING,
        confirmation_token=secrets.token_urlsafe(32),
        calendar_offset=calendar_offset(session, user=None, guest_email=email),
    )
    registration.full_clean()
    registration.save()
    accommodation_save(registration=registration, request=accommodation)
    notice_queue(Notice.GUEST_CONFIRM, registration.pk)
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
    session = session_lock(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.state != State.PENDING:
        return registration
    _check_open(session, now)
    registration.transition(_seat_or_waitlist(session))
    registration.waitlisted_at = now if registration.state == State.WAITLISTED else None
    registration.confirmed_at = now
    registration.save(update_fields=["state", "waitlisted_at", "confirmed_at", "updated_at"])
    notice_queue(Notice.BOOKED if registration.state == State.BOOKED else Notice.WAITLISTED, registration.pk)
    return registration


def guest_registration_cancel(*, token: str, now=None) -> Registration:
    """A guest cancels through their link."""
    return registration_cancel(registration=guest_registration_by_token(token), actor=None, now=now)
