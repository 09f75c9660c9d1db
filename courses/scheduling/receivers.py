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


def employees_deactivated(sender, *, changes, **kwargs):
    """courses.people.signals.employees_changed: those whose `active` is now false → end their feeds
    and places."""
    from courses.people.models import Employee

    changed = [employee_id for employee_id, fields in changes.items() if "active" in fields]
    if not changed:
        return
    for user_id in Employee.objects.filter(pk__in=changed, active=False).values_list("user_id", flat=True):
        transaction.on_commit(lambda user_id=user_id: async_task(tasks.employee_departure, user_id))
