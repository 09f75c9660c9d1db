"""Accommodation requests: what a registered person needs to take part. Only they and the session's
facilitators see a request (permissions.can_see_accommodations); nothing about it is logged or audited
(it can reveal a disability); it is deleted some days after the session ends."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import NotAllowed
from ..models import Accommodation, Registration

FIELDS = ("interpreter", "interpreter_language", "captioning", "large_print", "wheelchair", "other")


def keep_days() -> int:
    """How many days after a session its accommodation requests are kept (setting, default 30)."""
    return max(int(getattr(settings, "ACCOMMODATION_KEEP_DAYS", 30)), 0)


def accommodation_save(*, registration: Registration, request: dict | None) -> Accommodation | None:
    """Store `request` (the FIELDS, any missing ones false or empty) for `registration`, replacing what
    was there; an empty request deletes it. Raises ValidationError (nothing changed) for a request that
    is not valid. Call inside the caller's transaction: no permission is checked here."""
    existing = Accommodation.objects.filter(registration=registration).first()
    request = request or {}
    accommodation = existing or Accommodation(registration=registration)
    for field in FIELDS:
        value = request.get(field)
        value = (value or "").strip() if field in ("interpreter_language", "other") else bool(value)
        setattr(accommodation, field, value)
    if accommodation.is_empty and not accommodation.interpreter_language:
        if existing is not None:
            existing.delete()
        return None
    accommodation.full_clean()
    accommodation.save()
    return accommodation


@transaction.atomic
def accommodation_update(*, registration: Registration, actor, request: dict | None) -> Accommodation | None:
    """The person registered changes (or withdraws, with an empty request) their accommodation request.
    `actor=None` only for a guest who came through their own confirmation link. Refused (NotAllowed)
    for anyone else, or once the registration is cancelled or the session is over; nothing changes then."""
    registration = Registration.objects.select_for_update().select_related("session").get(pk=registration.pk)
    if actor is not None and registration.user_id != actor.pk:
        raise NotAllowed(_("You can only change your own accommodation request."))
    if actor is None and registration.user_id is not None:
        raise NotAllowed(_("You can only change your own accommodation request."))
    if registration.state not in (Registration.State.PENDING, *Registration.ACTIVE):
        raise NotAllowed(_("This registration is no longer active."))
    if registration.session.ends_at <= timezone.now():
        raise NotAllowed(_("This session is over."))
    return accommodation_save(registration=registration, request=request)


@transaction.atomic
def accommodations_forget(*, now=None) -> int:
    """Delete every accommodation request of a session that ended more than `keep_days()` ago, and of
    cancelled registrations once their session is over. Idempotent. Returns how many were deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=keep_days())
    old = Accommodation.objects.filter(registration__session__ends_at__lt=cutoff)
    cancelled = Accommodation.objects.filter(
        registration__state=Registration.State.CANCELLED, registration__session__ends_at__lt=now
    )
    deleted = 0
    for queryset in (old, cancelled):
        count, _rows = queryset.delete()
        deleted += count
    return deleted
