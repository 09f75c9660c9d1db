"""Schedule the daily deletion of import files previewed and never applied (courses.curricula.schedules)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from courses.curricula.schedules import ensure_schedules

    ensure_schedules(apps.get_model("django_q", "Schedule"))


class Migration(migrations.Migration):
    dependencies = [("curricula", "0012_completionimportjob")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
