from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.signals import course_completed

        from . import receivers

        course_completed.connect(
            receivers.queue_certificate_for_completion, dispatch_uid="certificates.course_completed"
        )
        post_migrate.connect(
            receivers.grant_training_admin_permissions, sender=self, dispatch_uid="certificates.permissions"
        )
