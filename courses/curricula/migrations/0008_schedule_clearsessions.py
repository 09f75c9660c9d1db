"""Schedule the nightly deletion of expired browser sessions (see courses/curricula/schedules.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from courses.curricula.schedules import ensure_schedules

    ensure_schedules(apps.get_model("django_q", "Schedule"))


class Migration(migrations.Migration):
    dependencies = [("curricula", "0007_export_schedule")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
