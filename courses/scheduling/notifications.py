"""E-mails to the people registered for sessions, in their own language and time zone, with a
calendar invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) attached.

Each message is recorded in NotificationLog under a key (kind, registration, SEQUENCE…) before it
is sent, inside one transaction: a retried task finds the key and sends nothing twice, a failed send
rolls the record back so the retry sends it.
"""

import contextlib
import datetime
import zoneinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .calendar import invitation_ics, session_url
from .models import NotificationLog, Registration, Session
from .services import Notice

State = Registration.State

SUBJECTS = {
    Notice.BOOKED: lambda t: _("You are booked: %(title)s") % {"title": t},
    Notice.WAITLISTED: lambda t: _("You are on the waitlist: %(title)s") % {"title": t},
    Notice.PROMOTED: lambda t: _("A seat opened up — you are booked: %(title)s") % {"title": t},
    Notice.UPDATED: lambda t: _("Changed: %(title)s") % {"title": t},
    Notice.CANCELLED: lambda t: _("Registration cancelled: %(title)s") % {"title": t},
    Notice.SESSION_CANCELLED: lambda t: _("Session cancelled: %(title)s") % {"title": t},
    Notice.REMINDER: lambda t: _("Tomorrow: %(title)s") % {"title": t},
    Notice.GUEST_CONFIRM: lambda t: _("Please confirm your place: %(title)s") % {"title": t},
    Notice.GUEST_ALREADY: lambda t: _("You already have a place: %(title)s") % {"title": t},
}
# Which calendar method goes with which message, and in which states the message still makes sense.
METHODS = {
    Notice.BOOKED: "REQUEST",
    Notice.PROMOTED: "REQUEST",
    Notice.UPDATED: "REQUEST",
    Notice.REMINDER: None,
    Notice.CANCELLED: "CANCEL",
    Notice.SESSION_CANCELLED: "CANCEL",
}
STILL_VALID = {
    Notice.BOOKED: {State.BOOKED},
    Notice.WAITLISTED: {State.WAITLISTED},
    Notice.PROMOTED: {State.BOOKED},
    Notice.UPDATED: {State.BOOKED, State.WAITLISTED},
    Notice.CANCELLED: {State.CANCELLED},
    Notice.SESSION_CANCELLED: {State.CANCELLED},
    Notice.REMINDER: {State.BOOKED},
    Notice.GUEST_CONFIRM: {State.PENDING},
    Notice.GUEST_ALREADY: {State.BOOKED, State.WAITLISTED},
}


def _key(kind: str, registration: Registration) -> str:
    session = registration.session
    if kind in (Notice.UPDATED,):
        return f"{kind}:{registration.pk}:{session.sequence}"
    if kind == Notice.REMINDER:
        return f"{kind}:{registration.pk}:{session.starts_at:%Y%m%dT%H%M}"
    if kind in (Notice.GUEST_CONFIRM, Notice.GUEST_ALREADY):
        # Asking again re-sends the link, at most once per hour.
        return f"{kind}:{registration.pk}:{timezone.now():%Y%m%d%H}"
    return f"{kind}:{registration.pk}"


def recipient_language(registration: Registration) -> str:
    if registration.user_id:
        employee = getattr(registration.user, "employee", None)
        if employee is not None and employee.preferred_language:
            return employee.preferred_language
        return settings.LANGUAGE_CODE
    return registration.language or settings.LANGUAGE_CODE


def recipient_zone(registration: Registration):
    if registration.user_id:
        employee = getattr(registration.user, "employee", None)
        if employee is not None and employee.time_zone:
            try:
                return zoneinfo.ZoneInfo(employee.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
    return registration.session.tzinfo


def _load(registration_id: int) -> Registration | None:
    try:
        return Registration.objects.select_related("session", "session__course", "user", "user__employee").get(
            pk=registration_id
        )
    except Registration.DoesNotExist:
        return None


def registration_email_send(*, registration_id: int, kind: str) -> bool:
    """Send one message of `kind` about a registration, once. Nothing is sent when the registration
    has since moved on (a booking confirmation for a registration already cancelled) or the person has
    no e-mail address. Returns whether a message went out."""
    registration = _load(registration_id)
    if registration is None or kind not in SUBJECTS or not registration.email:
        return False
    if registration.state not in STILL_VALID[kind]:
        return False
    if kind == Notice.UPDATED and registration.session.is_cancelled:
        return False
    session = registration.session
    key = _key(kind, registration)
    try:
        with transaction.atomic():
            if NotificationLog.objects.filter(key=key).exists():
                return False
            NotificationLog.objects.create(
                key=key,
                kind=kind,
                registration=registration,
                session=session,
                sequence=session.sequence,
                recipient=registration.email,
            )
            _send(registration, kind)
    except IntegrityError:  # the same message is being sent by another worker
        return False
    return True


def _send(registration: Registration, kind: str) -> None:
    session = registration.session
    method = METHODS.get(kind)
    if method == "REQUEST" and registration.state != State.BOOKED:
        method = None  # someone on the waitlist has no event in their calendar to update
    if method == "CANCEL" and not _had_invitation(registration):
        method = None  # nothing to remove from their calendar (they were on the waitlist)
    with translation.override(recipient_language(registration)), timezone.override(recipient_zone(registration)):
        context = {
            "registration": registration,
            "session": session,
            "kind": kind,
            "name": registration.person_name,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "zone_name": str(timezone.get_current_timezone()),
            "url": session_url(session),
            "ics_url": settings.SITE_URL + reverse("scheduling:ics", args=[session.pk]),
            "confirm_url": (
                settings.SITE_URL + reverse("scheduling:guest_confirm", args=[registration.confirmation_token])
                if registration.confirmation_token
                else ""
            ),
            "method": method,
        }
        subject = SUBJECTS[kind](session.display_title)
        body = render_to_string(f"scheduling/email/{kind}.txt", context, using="text")
    message = EmailMultiAlternatives(subject, body, None, [registration.email])
    if method:
        ics = invitation_ics(registration, method=method)
        # Calendar clients look for the invitation as an alternative part and as an attachment.
        message.attach_alternative(ics.decode(), f"text/calendar; method={method}; charset=UTF-8")
        message.attach("invite.ics", ics, f"application/ics; method={method}")
    message.send()


def _had_invitation(registration: Registration) -> bool:
    return NotificationLog.objects.filter(registration=registration, kind__in=(Notice.BOOKED, Notice.PROMOTED)).exists()


def reminders_send(*, now=None) -> int:
    """Remind everyone booked for a scheduled session whose local date is tomorrow. Idempotent."""
    now = now or timezone.now()
    sent = 0
    candidates = Session.objects.filter(
        status=Session.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(hours=60)
    )
    for session in candidates:
        tomorrow = now.astimezone(session.tzinfo).date() + datetime.timedelta(days=1)
        if session.local_starts_at.date() != tomorrow:
            continue
        for registration_id in session.registrations.filter(state=State.BOOKED).values_list("pk", flat=True):
            sent += registration_email_send(registration_id=registration_id, kind=Notice.REMINDER)
        for facilitator_id in session.facilitators.values_list("pk", flat=True):
            sent += facilitator_reminder_send(session_id=session.pk, facilitator_id=facilitator_id)
    return sent


FACILITATOR_REMINDER = "facilitator_reminder"


def facilitator_reminder_send(*, session_id: int, facilitator_id: int) -> bool:
    """Tell one facilitator of a session, the day before, who is booked and what accommodations they
    asked for (the one e-mail besides the roster that carries them). Once per session and start time;
    only to a current facilitator of a scheduled session with an e-mail address."""
    from django.contrib.auth import get_user_model

    session = Session.objects.select_related("course").filter(pk=session_id).first()
    facilitator = get_user_model().objects.select_related("employee").filter(pk=facilitator_id).first()
    if session is None or facilitator is None or not facilitator.email or session.is_cancelled:
        return False
    if not session.facilitators.filter(pk=facilitator.pk).exists():
        return False
    key = f"{FACILITATOR_REMINDER}:{session.pk}:{facilitator.pk}:{session.starts_at:%Y%m%dT%H%M}"
    try:
        with transaction.atomic():
            if NotificationLog.objects.filter(key=key).exists():
                return False
            NotificationLog.objects.create(
                key=key,
                kind=FACILITATOR_REMINDER,
                session=session,
                sequence=session.sequence,
                recipient=facilitator.email,
            )
            subject, body = _facilitator_reminder(session, facilitator)
            EmailMultiAlternatives(subject, body, None, [facilitator.email]).send()
    except IntegrityError:  # the same message is being sent by another worker
        return False
    return True


def _facilitator_reminder(session: Session, facilitator) -> tuple[str, str]:
    """Subject and body of a facilitator's reminder, in their language and time zone."""
    from . import selectors

    accommodations = selectors.accommodations_for_facilitator(session, facilitator)
    registrations = session.registrations.filter(pk__in=accommodations).select_related("user")
    employee = getattr(facilitator, "employee", None)
    language = getattr(employee, "preferred_language", "") or settings.LANGUAGE_CODE
    zone = session.tzinfo
    if employee is not None and employee.time_zone:
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(employee.time_zone)
    with translation.override(language), timezone.override(zone):
        context = {
            "session": session,
            "name": facilitator.get_full_name() or facilitator.get_username(),
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "zone_name": str(timezone.get_current_timezone()),
            "url": session_url(session),
            "roster_url": settings.SITE_URL + reverse("scheduling:roster", args=[session.pk]),
            "booked": session.registrations.filter(state=State.BOOKED).count(),
            "waitlisted": session.registrations.filter(state=State.WAITLISTED).count(),
            "requests": [
                (registration.person_name, accommodations[registration.pk].needs())
                for registration in registrations.order_by("created_at", "pk")
            ],
        }
        subject = _("Tomorrow you facilitate: %(title)s") % {"title": session.display_title}
        body = render_to_string("scheduling/email/facilitator_reminder.txt", context, using="text")
    return subject, body
