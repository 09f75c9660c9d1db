"""A small fixed-window rate limit on the cache: one counter per client IP and window.

It makes guessing codes at /verify/ slow (80-bit codes make it hopeless anyway) and keeps one client
from hammering the page. Behind a proxy, REMOTE_ADDR must be the client's address (the proxy sets it,
e.g. gunicorn's --forwarded-allow-ips)."""

import time

from django.conf import settings
from django.core.cache import cache


def verify_limit() -> tuple[int, int]:
    """(lookups allowed, window in seconds)."""
    return (
        int(getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", 30)),
        int(getattr(settings, "CERTIFICATE_VERIFY_RATE_WINDOW", 600)),
    )


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def hit(request, scope: str = "verify") -> tuple[bool, int]:
    """Count one lookup. Returns (allowed, seconds until the window resets)."""
    limit, window = verify_limit()
    now = int(time.time())
    bucket = now // window
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit, window - (now % window)
