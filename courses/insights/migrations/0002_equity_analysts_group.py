"""The Equity analysts group of DESIGN.md (no admin permissions: they read /insights/), and the training
admins' permission to edit the self-identification purpose statement (a site setting). A data migration,
like people/0002, so restored test databases do not get the group twice."""

from django.conf import settings
from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=settings.EQUITY_ANALYSTS_GROUP)
    content_type, _ = ContentType.objects.get_or_create(app_label="insights", model="insightssettings")
    change, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_insightssettings",
        defaults={"name": "Can change self-identification settings"},
    )
    admins, _ = Group.objects.get_or_create(name=settings.TRAINING_ADMINS_GROUP)
    admins.permissions.add(change)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("people", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
