"""Fill the compliance rollup from the assignments already there, and schedule its nightly check
(courses.curricula.schedules)."""

from django.db import migrations
from django.db.models import Count


def build(apps, schema_editor):
    Assignment = apps.get_model("curricula", "Assignment")
    ComplianceRollup = apps.get_model("curricula", "ComplianceRollup")
    rows = (
        Assignment.objects.filter(ended_at__isnull=True, user__employee__active=True)
        .values("user__employee__department_id", "curriculum_id", "state", "exempt")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ComplianceRollup.objects.bulk_create(
        [
            ComplianceRollup(
                department_id=row["user__employee__department_id"],
                curriculum_id=row["curriculum_id"],
                state=row["state"],
                exempt=row["exempt"],
                assignments=row["n"],
            )
            for row in rows.iterator()
        ],
        batch_size=1000,
    )


def schedule(apps, schema_editor):
    from courses.curricula.schedules import ensure_schedules

    ensure_schedules(apps.get_model("django_q", "Schedule"))


def unbuild(apps, schema_editor):
    apps.get_model("curricula", "ComplianceRollup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curricula", "0009_compliance_rollup"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(build, unbuild),
        migrations.RunPython(schedule, migrations.RunPython.noop),
    ]
