"""Signals of the people app.

`employee_changed` is sent after the transaction that saved an Employee commits (a new hire, a
transfer, a job-title change, a deactivation). Argument: employee_id (int). Other apps listen to it
(curricula reconciles that person's assignments) and should queue tasks that take ids.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .models import Employee

employee_changed = Signal()


@receiver(post_save, sender=Employee, dispatch_uid="people.employee_changed")
def announce_employee_change(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    employee_id = instance.pk
    transaction.on_commit(lambda: employee_changed.send(sender=Employee, employee_id=employee_id))
