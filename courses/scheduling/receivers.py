"""Signal receivers: what happens to people elsewhere queues scheduling tasks (by id, after commit)."""

from django.db import transaction
from django_q.tasks import async_task

from . import tasks


def employee_deactivated(sender, *, employee_id, changed_fields, **kwargs):
    """courses.people.signals.employee_changed with `active` now false → end their feed and places."""
    from courses.people.models import Employee

    if "active" not in changed_fields:
        return
    employee = Employee.objects.filter(pk=employee_id, active=False).only("user_id").first()
    if employee is not None:
        user_id = employee.user_id
        transaction.on_commit(lambda: async_task(tasks.employee_departure, user_id))
