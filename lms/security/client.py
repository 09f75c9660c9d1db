"""The client's address, the same for every rate limit and the sign-in lock-out.

Behind reverse proxies REMOTE_ADDR is the nearest proxy's address, so every visitor would share one
budget. TRUSTED_PROXY_COUNT (environment, default 0) says how many proxies in front of the site append
to X-Forwarded-For; the client is the address that many entries from the right. Entries further left
were written by the client itself and are never trusted."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a placeholder, never bound
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # not through all of our proxies: the nearest peer is the best we know
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def axes_client_ip(request, *args, **kwargs) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE."""
    return client_ip(request)
