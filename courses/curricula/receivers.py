"""Signal receivers: what happens elsewhere queues curricula tasks (by id, after commit)."""

from collections import Counter
from contextlib import suppress

from django.db import connection, transaction
from django_q.tasks import async_task

from courses.people.models import Employee

from . import rollups, tasks
from .models import Assignment


def queue_evaluation_for_completion(sender, *, user_id, **kwargs):
    """courses.catalogue.signals.course_completed → re-evaluate that person's assignments in the background."""
    transaction.on_commit(lambda: async_task(tasks.assignments_evaluate_for_user, user_id))


def queue_evaluation_for_completions(sender, *, user_ids, reevaluated=False, **kwargs):
    """courses.catalogue.signals.course_completions_recorded → re-evaluate those people's assignments
    in one task, unless the caller already did (an import re-evaluates everyone it names)."""
    if reevaluated or not user_ids:
        return
    user_ids = list(user_ids)
    transaction.on_commit(lambda: async_task(tasks.assignments_evaluate_for_users, user_ids))


def queue_reconcile_for_employee(sender, *, employee_id, **kwargs):
    """courses.people.signals.employee_changed → reconcile that person's assignments in the background."""
    transaction.on_commit(lambda: async_task(tasks.assignments_reconcile_employee, employee_id))


def queue_reconcile_for_employees(sender, *, changes, **kwargs):
    """courses.people.signals.employees_changed → reconcile those people's assignments in one task."""
    employee_ids = sorted(changes)
    transaction.on_commit(lambda: async_task(tasks.assignments_reconcile_employees, employee_ids))


# The compliance rollup follows single saves and deletes (bulk writes count in the services) --------


def rollup_before_assignment_save(sender, instance, raw=False, **kwargs):
    """Assignment pre_save: what the row counted before (nothing for a new one)."""
    if raw:
        return
    instance._rollup_before = rollups.key_counts([instance.pk]) if instance.pk else Counter()


def rollup_after_assignment_save(sender, instance, raw=False, **kwargs):
    """Assignment post_save: move the counts from what the row counted to what it counts now."""
    if raw:
        return
    before = getattr(instance, "_rollup_before", Counter())
    rollups.rollup_apply(rollups.difference(rollups.key_counts([instance.pk]), before))
    instance._rollup_before = Counter()


def _removed_by(origin) -> set:
    """Assignment ids one delete operation already took out of the rollup: a person's deletion
    deletes their employee profile and their assignments, whose signals come in either order."""
    if origin is None:
        return set()
    removed = getattr(origin, "_rollup_removed", None)
    if removed is None:
        removed = set()
        with suppress(AttributeError):  # an origin that takes no attribute: no de-duplication needed
            origin._rollup_removed = removed
    return removed


def rollup_before_assignment_delete(sender, instance, origin=None, **kwargs):
    removed = _removed_by(origin)
    if instance.pk in removed:
        return
    rollups.rollup_apply(rollups.difference(Counter(), rollups.key_counts([instance.pk])))
    removed.add(instance.pk)


def rollup_before_employee_save(sender, instance, raw=False, **kwargs):
    """Employee pre_save: the department and active flag the person's assignments count under now
    (the row is locked inside a transaction, so two moves of one person count one after the other)."""
    if raw:
        return
    before = None
    if instance.pk:
        rows = Employee.objects.filter(pk=instance.pk)
        if connection.in_atomic_block:
            rows = rows.select_for_update()
        before = rows.values_list("department_id", "active").first()
    instance._rollup_before = before


def rollup_after_employee_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_rollup_before", None)
    rollups.rollup_move_person(user_id=instance.user_id, before=before, after=(instance.department_id, instance.active))
    instance._rollup_before = (instance.department_id, instance.active)


def rollup_before_employee_delete(sender, instance, origin=None, **kwargs):
    """The person leaves the rollup with their profile (assignments of someone without a profile
    are not counted)."""
    removed = _removed_by(origin)
    ids = set(Assignment.objects.filter(user_id=instance.user_id, ended_at__isnull=True).values_list("pk", flat=True))
    ids -= removed
    rollups.rollup_apply(rollups.difference(Counter(), rollups.key_counts(ids)))
    removed.update(ids)
