"""Signal receivers: an attendance or a completion queues an invitation e-mail (by ids, after commit)."""

from django.db import transaction
from django_q.tasks import async_task

from . import tasks


def invite_after_attendance(sender, *, user_id, session_id, **kwargs):
    """courses.scheduling.signals.session_attended → e-mail an invitation to evaluate the session."""
    transaction.on_commit(lambda: async_task(tasks.send_evaluation_invitation, user_id, "session", session_id))


def invite_after_completion(sender, *, user_id, course_id, completion_id=None, **kwargs):
    """courses.catalogue.signals.course_completed → e-mail an invitation to evaluate the course; only for
    a completion the learner made here (imported history and records entered by an admin are not
    evaluated: the course may lie years back)."""
    from courses.catalogue.models import CourseCompletion

    if completion_id is not None and not CourseCompletion.objects.filter(pk=completion_id, source="learner").exists():
        return
    transaction.on_commit(lambda: async_task(tasks.send_evaluation_invitation, user_id, "course", course_id))


def invite_after_completions(sender, *, completion_ids, source, **kwargs):
    """courses.catalogue.signals.course_completions_recorded → completions recorded in bulk are invited
    only if the learners made them here (an import's and an admin's never are), one query for all."""
    if source != "learner":
        return
    from courses.catalogue.models import CourseCompletion

    pairs = list(CourseCompletion.objects.filter(pk__in=completion_ids).values_list("user_id", "course_id"))
    for user_id, course_id in pairs:
        invite_after_completion(sender, user_id=user_id, course_id=course_id)
