"""A curriculum certificate refers to its curriculum and assignment by foreign key instead of bare
integers. The columns keep their names (curriculum_id, curriculum_assignment_id) and their values;
the index and check constraint on them are dropped and re-created around the change, because SQLite
rebuilds the table."""

from django.db import migrations, models
from django.db.models import Q

CHECK = "certificate_course_or_curriculum"
INDEX = "certificate_holder__3daa19_idx"


def forget_missing_assignments(apps, schema_editor):
    """An assignment id that no longer exists cannot become a foreign key: forget it (the certificate's
    source_key still names the completion it was issued for)."""
    Certificate = apps.get_model("certificates", "Certificate")
    Assignment = apps.get_model("curricula", "Assignment")
    orphans = Certificate.objects.filter(curriculum_assignment_id__isnull=False).exclude(
        curriculum_assignment_id__in=Assignment.objects.values("pk")
    )
    orphans.update(curriculum_assignment_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_holder_notified_at"),
        ("curricula", "0004_schedules_follow_the_move"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="certificate", name=CHECK),
        migrations.RemoveIndex(model_name="certificate", name=INDEX),
        migrations.RunPython(forget_missing_assignments, migrations.RunPython.noop),
        # The model field is now called `curriculum` (column curriculum_id, as before).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("certificate", "curriculum_id", "curriculum"),
                migrations.AlterField(
                    "certificate",
                    "curriculum",
                    models.PositiveBigIntegerField(null=True, blank=True, db_index=True, db_column="curriculum_id"),
                ),
                migrations.RenameField("certificate", "curriculum_assignment_id", "curriculum_assignment"),
                migrations.AlterField(
                    "certificate",
                    "curriculum_assignment",
                    models.PositiveBigIntegerField(null=True, blank=True, db_column="curriculum_assignment_id"),
                ),
            ]
        ),
        migrations.AlterField(
            model_name="certificate",
            name="curriculum",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="certificates",
                to="curricula.curriculum",
                verbose_name="curriculum",
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="curriculum_assignment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="certificates",
                to="curricula.assignment",
                verbose_name="assignment",
            ),
        ),
        migrations.AddIndex(
            model_name="certificate",
            index=models.Index(fields=["holder", "curriculum", "status"], name=INDEX),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=Q(course__isnull=False, curriculum__isnull=True)
                | Q(course__isnull=True, curriculum__isnull=False),
                name=CHECK,
            ),
        ),
    ]
