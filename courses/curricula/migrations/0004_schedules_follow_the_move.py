"""The curricula app moved into the engine package (courses/curricula/): ensure_schedules corrects
the task path of each schedule it owns (by name), so existing schedules follow the move."""

from django.db import migrations


def forwards(apps, schema_editor):
    from courses.curricula.schedules import ensure_schedules

    ensure_schedules(apps.get_model("django_q", "Schedule"))


class Migration(migrations.Migration):
    dependencies = [("curricula", "0003_admin_imports_reminders")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
