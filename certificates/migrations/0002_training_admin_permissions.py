"""The Training admins group may open the Wagtail admin (where certificates are listed, revoked and
re-issued) and edit the certificate settings. A data migration rather than a post_migrate handler, so
that test databases restored from a serialized snapshot do not get the group twice."""

from django.conf import settings
from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    settings_type, _ = ContentType.objects.get_or_create(app_label="certificates", model="certificatesettings")
    change_settings, _ = Permission.objects.get_or_create(
        content_type=settings_type,
        codename="change_certificatesettings",
        defaults={"name": "Can change certificate settings"},
    )
    group, _ = Group.objects.get_or_create(name=settings.TRAINING_ADMINS_GROUP)
    group.permissions.add(access_admin, change_settings)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
