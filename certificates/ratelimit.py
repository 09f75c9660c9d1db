"""The verify page's rate limit: one budget per client address and window.

It makes guessing codes at /verify/ slow (80-bit codes make it hopeless anyway) and keeps one client
from hammering the page. Counting is django-ratelimit's, on the default cache, keyed on the real
client address behind trusted proxies (lms.security.client, TRUSTED_PROXY_COUNT)."""

from django.conf import settings

from lms.security import ratelimit


def verify_limit() -> tuple[int, int]:
    """(lookups allowed, window in seconds)."""
    return (
        int(getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", 30)),
        int(getattr(settings, "CERTIFICATE_VERIFY_RATE_WINDOW", 600)),
    )


def hit(request, scope: str = "verify") -> tuple[bool, int]:
    """Count one lookup. Returns (allowed, seconds until the window resets). When the cache cannot be
    reached the lookup is allowed and the error logged."""
    limit, window = verify_limit()
    return ratelimit.hit(request, group=f"certificates.{scope}", rate=f"{limit}/{window}s")
