"""Writes behind the training admins' screens: applying a saved curriculum to its audience. Keyword-only,
atomic; the rules themselves are courses.curricula.services'."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_q.tasks import async_task

from courses.people.models import Employee

from . import services, tasks
from .models import Curriculum

# Up to this many active employees, saving a curriculum reconciles at once (the admin shows the
# result); above it, a background task does, so the request stays quick.
SYNC_RECONCILE_MAX_DEFAULT = 5000


@dataclass(frozen=True)
class ApplyResult:
    queued: bool
    created: int = 0
    ended: int = 0


@transaction.atomic
def curriculum_apply(*, curriculum: Curriculum) -> ApplyResult:
    """Make a curriculum's assignments follow its (new) audience and rules: assign who entered,
    end who left (history kept), re-evaluate everyone against the courses and recertification
    rules, enrol who must still complete it in its courses. Synchronous for a small organisation;
    otherwise queued (by id, on commit)."""
    limit = getattr(settings, "CURRICULA_SYNC_RECONCILE_MAX", SYNC_RECONCILE_MAX_DEFAULT)
    if Employee.objects.filter(active=True).count() > limit:
        curriculum_id = curriculum.pk
        transaction.on_commit(lambda: async_task(tasks.curriculum_apply, curriculum_id))
        return ApplyResult(queued=True)
    result = services.assignments_reconcile(curriculum_id=curriculum.pk)
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    services.curriculum_enrol_assignees(curriculum_id=curriculum.pk)
    return ApplyResult(queued=False, created=result.created, ended=result.ended)
