"""The sign-in lock-out page (django-axes' AXES_LOCKOUT_CALLABLE): in the site's layout and the visitor's
language, saying how many minutes are left before signing in is allowed again."""

import math

from django.conf import settings
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from .client import client_ip


def minutes_until(seconds: float) -> int:
    """Whole minutes, rounded up and at least one: "try again in 0 minutes" would be untrue."""
    return max(1, math.ceil(seconds / 60))


def seconds_left(request, credentials) -> float:
    """Until the lock lifts at the latest: django-axes forgets a failure once it is older than the
    cool-off, so the lock ends a cool-off after the newest failure for this account or this client."""
    from axes.helpers import get_client_username, get_cool_off
    from axes.models import AccessAttempt

    cool_off = get_cool_off(request)
    if not cool_off:
        return 0
    match = Q(ip_address=client_ip(request))
    username = get_client_username(request, credentials)
    if username:
        match |= Q(username=username)
    newest = AccessAttempt.objects.filter(match).aggregate(newest=Max("attempt_time"))["newest"]
    if newest is None:
        return cool_off.total_seconds()
    return max(0, (newest + cool_off - timezone.now()).total_seconds())


def locked_out(request, original_response=None, credentials=None):
    seconds = seconds_left(request, credentials)
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes_until(seconds), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(max(1, math.ceil(seconds)))
    return response
