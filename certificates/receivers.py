"""Signal receivers: completions elsewhere queue certificate issuance."""

from django.db import transaction
from django_q.tasks import async_task


def queue_certificate_for_completion(sender, *, completion_id, **kwargs):
    """courses.signals.course_completed → issue the certificate in the background, after commit."""
    transaction.on_commit(
        lambda: async_task(
            "certificates.tasks.certificate_issue_for_completion",
            completion_id,
        )
    )


def grant_training_admin_permissions(sender, *, using="default", apps=None, **kwargs):
    """After migrate: the Training admins group may open the Wagtail admin (where certificates are
    listed, revoked and re-issued) and edit the certificate settings. Idempotent."""
    from django.apps import apps as global_apps
    from django.conf import settings
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    create_permissions(global_apps.get_app_config("certificates"), verbosity=0, using=using)
    admin_type, _created = ContentType.objects.db_manager(using).get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _created = Permission.objects.db_manager(using).get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _created = Group.objects.db_manager(using).get_or_create(name=settings.TRAINING_ADMINS_GROUP)
    settings_permission = Permission.objects.db_manager(using).get(
        content_type__app_label="certificates", codename="change_certificatesettings"
    )
    group.permissions.add(access_admin, settings_permission)
