"""The django-q2 schedules of curricula, created by a migration and by `manage.py ensure_schedules`
(never by hand). Add an entry here to schedule another task; ensuring is idempotent and keeps the
schedule's name as its identity."""

import datetime

from django.utils import timezone

# name -> (task function path, schedule type, minutes between runs or None, local hour, local minute)
SCHEDULES = {
    "curricula: nightly reconciliation": ("courses.curricula.tasks.curricula_nightly", "D", None, 2, 30),
    "curricula: daily reminders": ("courses.curricula.tasks.reminders_daily", "D", None, 7, 0),
    "curricula: weekly department head digest": ("courses.curricula.tasks.head_digests_weekly", "W", None, 7, 30),
    # Not curricula's, but this is the project's one place that keeps schedules: expired browser
    # sessions are deleted nightly (Django leaves them in the database).
    "site: clear expired sessions": ("lms.tasks.clear_expired_sessions", "D", None, 3, 15),
    "curricula: delete expired exports": ("courses.curricula.tasks.exports_expire", "D", None, 3, 45),
    "curricula: compliance rollup check": ("courses.curricula.tasks.compliance_rollup_check", "D", None, 4, 15),
    # Also the site's: import files previewed and never applied (lms.import_jobs).
    "site: delete stale import previews": ("lms.tasks.import_previews_expire", "D", None, 3, 30),
}


def _next_run(hour: int, minute: int) -> datetime.datetime:
    now = timezone.localtime()
    run = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if run <= now:
        run += datetime.timedelta(days=1)
    return run


def ensure_schedules(schedule_model=None) -> list[str]:
    """Create missing schedules and correct changed ones. Returns the names created or updated."""
    if schedule_model is None:
        from django_q.models import Schedule as schedule_model
    touched = []
    for name, (func, schedule_type, minutes, hour, minute) in SCHEDULES.items():
        existing = schedule_model.objects.filter(name=name).first()
        if existing is None:
            schedule_model.objects.create(
                name=name,
                func=func,
                schedule_type=schedule_type,
                minutes=minutes,
                repeats=-1,
                next_run=_next_run(hour, minute),
            )
            touched.append(name)
        elif (existing.func, existing.schedule_type, existing.minutes) != (func, schedule_type, minutes):
            existing.func, existing.schedule_type, existing.minutes = func, schedule_type, minutes
            existing.save(update_fields=["func", "schedule_type", "minutes"])
            touched.append(name)
    return touched
