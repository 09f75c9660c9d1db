"""The personal calendar feed's token: get, regenerate, revoke."""

import logging

from django.db import transaction
from django.utils import timezone

from ..models import CalendarToken, Registration
from .common import retry_when_locked

logger = logging.getLogger(__name__)
State = Registration.State

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


@retry_when_locked
@transaction.atomic
def calendar_token_revoke(*, user) -> int:
    """Turn the person's feed off: its address stops working at once. Returns how many tokens were
    revoked (0 when there was no active feed)."""
    return CalendarToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
