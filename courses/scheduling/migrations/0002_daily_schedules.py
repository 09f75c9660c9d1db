"""The daily django-q2 schedules of scheduling: keep series' horizons filled, send reminders."""

import datetime

from django.db import migrations

SCHEDULES = [
    ("scheduling: fill series horizons", "courses.scheduling.tasks.fill_series_horizons", datetime.time(2, 30)),
    ("scheduling: reminders for tomorrow", "courses.scheduling.tasks.send_reminders", datetime.time(15, 0)),
]


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    today = datetime.datetime.now(datetime.UTC).date()
    for name, func, at in SCHEDULES:
        next_run = datetime.datetime.combine(today + datetime.timedelta(days=1), at, tzinfo=datetime.UTC)
        if not Schedule.objects.filter(name=name).exists():
            Schedule.objects.create(name=name, func=func, schedule_type="D", repeats=-1, next_run=next_run)


def remove(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, _func, _at in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create, remove)]
