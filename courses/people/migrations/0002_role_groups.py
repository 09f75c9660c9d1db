"""The role groups of DESIGN.md with their permissions. Training admins open the Wagtail admin and
manage departments, employees and the course engine's models (certificates grant their own in
certificates/0002); Facilitators start without admin permissions (scheduling grants theirs). Editors
and Moderators are Wagtail's own groups. A data migration rather than a post_migrate handler, so that
test databases restored from a serialized snapshot do not get the groups twice."""

from django.conf import settings
from django.db import migrations

MANAGED = {
    "people": ["department", "employee"],
    "courses": [
        "topic",
        "course",
        "module",
        "readingmodule",
        "videomodule",
        "quizmodule",
        "question",
        "choice",
        "reflectionmodule",
        "livesessionmodule",
    ],
}
VIEWED = {"courses": ["enrollment", "coursecompletion"]}


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    verbose = apps.get_model(app_label, model)._meta.verbose_name
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {verbose}"}
    )
    return permission


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    permissions = [access_admin]
    for app_label, models in MANAGED.items():
        for model in models:
            for action in ("add", "change", "delete", "view"):
                permissions.append(_permission(apps, app_label, model, action))
    for app_label, models in VIEWED.items():
        for model in models:
            permissions.append(_permission(apps, app_label, model, "view"))
    admins, _ = Group.objects.get_or_create(name=settings.TRAINING_ADMINS_GROUP)
    admins.permissions.add(*permissions)
    Group.objects.get_or_create(name=settings.FACILITATORS_GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("courses", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
