from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "courses.evaluations"
    label = "evaluations"
    verbose_name = _("Session evaluations")

    def ready(self):
        from courses.catalogue import dashboard
        from courses.catalogue.signals import course_completed, course_completions_recorded
        from courses.scheduling.signals import session_attended

        from . import receivers, selectors

        dashboard.register_panel("evaluations/_learn_panel.html", selectors.learn_panel_context, PENDING_EVALUATIONS)
        course_completed.connect(receivers.invite_after_completion, dispatch_uid="evaluations.course_completed")
        course_completions_recorded.connect(
            receivers.invite_after_completions, dispatch_uid="evaluations.course_completions_recorded"
        )
        session_attended.connect(receivers.invite_after_attendance, dispatch_uid="evaluations.session_attended")


PENDING_EVALUATIONS = 35  # after my sessions: something to do, but never a task with a due date
