"""A small fixed-window rate limit on the cache: one counter per client IP and window.

It makes guessing codes at /verify/ slow (80-bit codes make it hopeless anyway) and keeps one client
from hammering the page. Behind a proxy, REMOTE_ADDR must be the client's address (the proxy sets it,
e.g. gunicorn's --forwarded-allow-ips)."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


def verify_limit() -> tuple[int, int]:
    """(lookups allowed, window in seconds)."""
    return (
        int(getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", 30)),
        int(getattr(settings, "CERTIFICATE_VERIFY_RATE_WINDOW", 600)),
    )


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def hit(request, scope: str = "verify") -> tuple[bool, int]:
    """Count one lookup. Returns (allowed, seconds until the window resets).

    The counters live in the default cache: Redis when REDIS_URL is set, else the database cache
    (both shared by every web process; Redis counts atomically, the database cache may miss a count
    when two requests of one client land at the same instant). When the cache cannot be reached
    (e.g. the database cache table was never created) the lookup is allowed and the error logged:
    codes have 80 random bits, so verification staying up matters more than the limit."""
    limit, window = verify_limit()
    now = int(time.time())
    bucket = now // window
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    try:
        # A savepoint, so that a failing cache query cannot spoil a surrounding transaction.
        with transaction.atomic():
            cache.add(key, 0, timeout=window + 5)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window + 5)
                count = 1
    except DatabaseError:
        logger.exception("Rate limit not applied: the cache is unavailable (run manage.py createcachetable?)")
        return True, 0
    return count <= limit, window - (now % window)
