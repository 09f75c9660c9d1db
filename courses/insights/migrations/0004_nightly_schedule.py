"""The nightly snapshot schedule (see insights/schedules.py)."""

from django.db import migrations


def create_schedule(apps, schema_editor):
    from courses.insights.schedules import ensure_schedule

    ensure_schedule(apps.get_model("django_q", "Schedule"))


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0003_snapshots_audit"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, migrations.RunPython.noop)]
