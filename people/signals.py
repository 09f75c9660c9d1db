"""Events of the people app. Sent after the transaction that caused them commits.

`employee_changed`: an employee was created, or their department, job title, hire date or active
flag changed (the facts curricula assign courses by). Arguments: employee_id, created (bool),
changed_fields (a list of those field names that changed; all of them for a new employee). Other
apps listen to it (curricula reconciles that person's assignments) and should queue tasks that take
ids. `people.services` announces its own writes; a save made elsewhere (the Django admin, a shell,
test factories) is announced by the post_save fallback below, once.
"""

from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.dispatch import Signal, receiver

from .models import Employee

employee_changed = Signal()

TRACKED_FIELDS = ("department", "job_title", "hire_date", "active")
_ATTNAMES = {"department": "department_id"}


def _tracked_values(instance) -> dict:
    return {name: getattr(instance, _ATTNAMES.get(name, name)) for name in TRACKED_FIELDS}


@receiver(post_init, sender=Employee, dispatch_uid="people.employee_snapshot")
def remember_tracked_values(sender, instance, **kwargs):
    instance._tracked_at_load = _tracked_values(instance) if instance.pk else None


@receiver(post_save, sender=Employee, dispatch_uid="people.employee_changed")
def announce_employee_change(sender, instance, created, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    before = getattr(instance, "_tracked_at_load", None)
    after = _tracked_values(instance)
    instance._tracked_at_load = after
    if getattr(instance, "_change_announced", False):  # people.services announces its own saves
        instance._change_announced = False
        return
    if created or before is None:
        changed = list(TRACKED_FIELDS)
    else:
        changed = [name for name in TRACKED_FIELDS if before[name] != after[name]]
    if not changed:
        return
    employee_id, was_created = instance.pk, bool(created)
    transaction.on_commit(
        lambda: employee_changed.send(
            sender=Employee, employee_id=employee_id, created=was_created, changed_fields=changed
        )
    )
