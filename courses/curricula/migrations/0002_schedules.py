"""The nightly reconciliation schedule (see curricula/schedules.py; `manage.py ensure_schedules`
does the same on an existing database)."""

from django.db import migrations


def create_schedules(apps, schema_editor):
    from courses.curricula.schedules import ensure_schedules

    ensure_schedules(apps.get_model("django_q", "Schedule"))


class Migration(migrations.Migration):
    dependencies = [
        ("curricula", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, migrations.RunPython.noop)]
