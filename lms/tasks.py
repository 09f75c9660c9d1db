"""Site-wide django-q2 tasks."""

from django.core.management import call_command


def clear_expired_sessions() -> None:
    """Daily: delete expired browser sessions (Django keeps them in the database until told)."""
    call_command("clearsessions")


def import_previews_expire() -> dict:
    """Daily: delete import files previewed but never applied, and those of jobs that never ran,
    once older than IMPORT_PREVIEW_KEEP_HOURS (lms.import_jobs)."""
    from .import_jobs import import_previews_expire

    return import_previews_expire()
