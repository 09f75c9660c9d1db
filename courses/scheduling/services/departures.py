"""When an employee is deactivated (they left, or are on leave): their calendar feed stops and their
places in sessions still to come are given up, so the seats go to the waitlist; each facilitator of
those sessions is told who is no longer coming."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Registration
from .calendar_tokens import calendar_token_revoke
from .registrations import registration_cancel

logger = logging.getLogger(__name__)
State = Registration.State


@transaction.atomic
def employee_departure(*, user_id: int, now=None) -> list[Registration]:
    """Revoke the person's calendar feed and cancel their registrations for sessions that have not
    started (booked, waitlisted); promotes the waitlists. Idempotent: a second run finds nothing to
    cancel. Returns the cancelled registrations; their facilitators are e-mailed after commit."""
    now = now or timezone.now()
    user = get_user_model().objects.get(pk=user_id)
    calendar_token_revoke(user=user)
    upcoming = Registration.objects.filter(
        user=user, state__in=(State.BOOKED, State.WAITLISTED), session__starts_at__gt=now
    ).select_related("session", "session__course")
    cancelled = [registration_cancel(registration=registration, actor=None, now=now) for registration in upcoming]
    if cancelled:
        session_ids = [registration.session_id for registration in cancelled]
        transaction.on_commit(lambda: facilitators_tell_departure(user_id=user_id, session_ids=session_ids))
    return cancelled


def facilitators_tell_departure(*, user_id: int, session_ids: list[int]) -> int:
    """One e-mail per facilitator, in their language, naming the person and their sessions."""
    from ..models import Session

    person = get_user_model().objects.get(pk=user_id)
    sessions = Session.objects.filter(pk__in=session_ids).prefetch_related("facilitators").select_related("course")
    by_facilitator = {}
    for session in sessions.order_by("starts_at"):
        for facilitator in session.facilitators.all():
            by_facilitator.setdefault(facilitator, []).append(session)
    sent = 0
    for facilitator, their_sessions in by_facilitator.items():
        if not facilitator.email:
            continue
        employee = getattr(facilitator, "employee", None)
        language = getattr(employee, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "facilitator": facilitator,
                "person": person.get_full_name() or person.get_username(),
                "sessions": [
                    (session, timezone.localtime(session.starts_at, session.tzinfo)) for session in their_sessions
                ],
            }
            subject = _("No longer coming: %(person)s") % {"person": context["person"]}
            body = render_to_string("scheduling/email/departure.txt", context, using="text")
        send_mail(subject, body, None, [facilitator.email])
        sent += 1
    return sent
