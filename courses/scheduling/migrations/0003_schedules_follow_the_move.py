"""The scheduling app moved into the engine package (courses/scheduling/): point the daily schedules
that 0002 created at the tasks' new module path. The app label and tables did not change."""

from django.db import migrations

MOVED = {
    "scheduling.tasks.fill_series_horizons": "courses.scheduling.tasks.fill_series_horizons",
    "scheduling.tasks.send_reminders": "courses.scheduling.tasks.send_reminders",
}


def forwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for old, new in MOVED.items():
        Schedule.objects.filter(func=old).update(func=new)


def backwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for old, new in MOVED.items():
        Schedule.objects.filter(func=new).update(func=old)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0002_daily_schedules")]

    operations = [migrations.RunPython(forwards, backwards)]
