"""Rate limits for the public and sign-in forms, on django-ratelimit's cache counters, keyed on the
real client address (lms.security.client) unless a caller gives another key.

When the cache cannot be reached (the database cache table was never created) the request is allowed
and the error logged: the forms staying up matters more than the limit."""

import logging

from django.db import DatabaseError, transaction
from django.shortcuts import render
from django_ratelimit.core import get_usage

from .lockout import minutes_until

logger = logging.getLogger(__name__)


def hit(request, *, group: str, rate: str, key="ip") -> tuple[bool, int]:
    """Count one use. Returns (allowed, seconds until the window resets)."""
    try:
        # A savepoint, so that a failing cache query cannot spoil a surrounding transaction.
        with transaction.atomic():
            usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    except DatabaseError:
        logger.exception("Rate limit %s not applied: the cache is unavailable (run manage.py createcachetable?)", group)
        return True, 0
    if usage is None:
        return True, 0
    return not usage["should_limit"], int(usage["time_left"])


def too_many(request, message: str, retry_after: int, template: str = "429.html", context=None):
    """The 429 page: the message, and in how many minutes the visitor may try again."""
    context = {"message": message, "minutes": minutes_until(retry_after), **(context or {})}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(max(retry_after, 1))
    return response
