"""Site-wide django-q2 tasks."""

from django.core.management import call_command


def clear_expired_sessions() -> None:
    """Daily: delete expired browser sessions (Django keeps them in the database until told)."""
    call_command("clearsessions")
