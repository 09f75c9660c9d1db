from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.catalogue.signals import course_completed, course_completions_recorded
        from courses.curricula.signals import curricula_completed, curriculum_completed

        from . import receivers

        course_completed.connect(
            receivers.queue_certificate_for_completion, dispatch_uid="certificates.course_completed"
        )
        course_completions_recorded.connect(
            receivers.queue_certificates_for_completions, dispatch_uid="certificates.course_completions_recorded"
        )
        curriculum_completed.connect(
            receivers.queue_certificate_for_curriculum, dispatch_uid="certificates.curriculum_completed"
        )
        curricula_completed.connect(
            receivers.queue_certificates_for_curricula, dispatch_uid="certificates.curricula_completed"
        )
        self._register_learn_panel()

    @staticmethod
    def _register_learn_panel():
        """Add "My certificates" to the /learn/ dashboard."""
        from courses.catalogue.dashboard import CERTIFICATES, register_panel

        from .selectors import learn_panel_context

        register_panel("certificates/panel.html", learn_panel_context, CERTIFICATES)

        # The course-complete page points to the certificate.
        from courses.catalogue.next_steps import CERTIFICATE, register_next_step

        from .selectors import next_step_context

        register_next_step("certificates/next_step.html", next_step_context, CERTIFICATE)
