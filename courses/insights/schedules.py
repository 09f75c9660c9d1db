"""The django-q2 schedule of the nightly insights snapshot, created by migration (idempotent)."""

import datetime

from django.utils import timezone

NAME = "insights: nightly snapshot"
FUNC = "courses.insights.tasks.insights_nightly"


def ensure_schedule(schedule_model=None) -> bool:
    if schedule_model is None:
        from django_q.models import Schedule as schedule_model
    if schedule_model.objects.filter(name=NAME).exists():
        return False
    now = timezone.localtime()
    run = now.replace(hour=3, minute=15, second=0, microsecond=0)
    if run <= now:
        run += datetime.timedelta(days=1)
    schedule_model.objects.create(name=NAME, func=FUNC, schedule_type="D", repeats=-1, next_run=run)
    return True
