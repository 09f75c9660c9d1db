"""Training admins add, change and delete evaluation forms in the Wagtail admin (nothing about responses:
they have no admin screen). A data migration, like the other role permissions."""

from django.conf import settings
from django.db import migrations

CODENAMES = {
    "add_evaluationform": "Can add evaluation form",
    "change_evaluationform": "Can change evaluation form",
    "delete_evaluationform": "Can delete evaluation form",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="evaluations", model="evaluationform")
    admins, _ = Group.objects.get_or_create(name=settings.TRAINING_ADMINS_GROUP)
    for codename, name in CODENAMES.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        admins.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
        ("people", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
