"""Signal receivers: what happens elsewhere queues curricula tasks (by id, after commit)."""

from django.db import transaction
from django_q.tasks import async_task

from . import tasks


def queue_evaluation_for_completion(sender, *, user_id, **kwargs):
    """courses.catalogue.signals.course_completed → re-evaluate that person's assignments in the background."""
    transaction.on_commit(lambda: async_task(tasks.assignments_evaluate_for_user, user_id))


def queue_reconcile_for_employee(sender, *, employee_id, **kwargs):
    """courses.people.signals.employee_changed → reconcile that person's assignments in the background."""
    transaction.on_commit(lambda: async_task(tasks.assignments_reconcile_employee, employee_id))
