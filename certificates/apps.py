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
        self._register_learn_panel()
        post_migrate.connect(
            receivers.grant_training_admin_permissions, sender=self, dispatch_uid="certificates.permissions"
        )

    @staticmethod
    def _register_learn_panel():
        """Add "My certificates" to the /learn/ dashboard when the courses app offers panels."""
        try:
            from courses.dashboard import CERTIFICATES, register_panel
        except ImportError:  # no dashboard panels yet: /certificates/ lists them on its own page
            return
        from .selectors import learn_panel_context

        register_panel("certificates/panel.html", learn_panel_context, CERTIFICATES)
