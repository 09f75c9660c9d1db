from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculaConfig(AppConfig):
    name = "courses.curricula"
    label = "curricula"
    verbose_name = _("Mandatory curricula")

    def ready(self):
        from courses.catalogue.signals import course_completed, course_completions_recorded
        from courses.people import signals as people_signals

        from . import receivers

        course_completed.connect(receivers.queue_evaluation_for_completion, dispatch_uid="curricula.course_completed")
        course_completions_recorded.connect(
            receivers.queue_evaluation_for_completions, dispatch_uid="curricula.course_completions_recorded"
        )
        people_signals.employee_changed.connect(
            receivers.queue_reconcile_for_employee, dispatch_uid="curricula.employee_changed"
        )
        people_signals.employees_changed.connect(
            receivers.queue_reconcile_for_employees, dispatch_uid="curricula.employees_changed"
        )
        self._connect_rollup()
        self._register_learn_panel()

    @staticmethod
    def _connect_rollup():
        """The compliance rollup follows every single save and delete of an assignment or employee."""
        from django.db.models import signals

        from courses.people.models import Employee

        from . import receivers
        from .models import Assignment

        for signal, model, receiver in (
            (signals.pre_save, Assignment, receivers.rollup_before_assignment_save),
            (signals.post_save, Assignment, receivers.rollup_after_assignment_save),
            (signals.pre_delete, Assignment, receivers.rollup_before_assignment_delete),
            (signals.pre_save, Employee, receivers.rollup_before_employee_save),
            (signals.post_save, Employee, receivers.rollup_after_employee_save),
            (signals.pre_delete, Employee, receivers.rollup_before_employee_delete),
        ):
            signal.connect(receiver, sender=model, dispatch_uid=f"curricula.rollup.{receiver.__name__}")

    @staticmethod
    def _register_learn_panel():
        """Add "My required training" to the top of the /learn/ dashboard."""
        from courses.catalogue.dashboard import ASSIGNMENTS, register_panel

        from .selectors import learn_panel_context

        register_panel("curricula/panel.html", learn_panel_context, ASSIGNMENTS)

        # The course-complete page points to the next required course.
        from courses.catalogue.next_steps import REQUIRED, register_next_step

        from .next_steps import next_required_course

        register_next_step("curricula/next_step.html", next_required_course, REQUIRED)
