"""Signal receivers: completions elsewhere queue certificate issuance."""

from django.db import transaction
from django_q.tasks import async_task

from . import tasks


def queue_certificate_for_completion(sender, *, completion_id, **kwargs):
    """courses.catalogue.signals.course_completed → issue the certificate in the background, after commit."""
    transaction.on_commit(
        lambda: async_task(
            tasks.certificate_issue_for_completion,
            completion_id,
        )
    )


# Completions per certificate task when many are recorded at once: a task stays well within a
# worker's timeout and its arguments small, and an import of 300,000 rows queues 300 tasks, not 300,000.
COMPLETIONS_PER_TASK = 1000


def queue_certificates_for_completions(sender, *, completion_ids, **kwargs):
    """courses.catalogue.signals.course_completions_recorded → issue their certificates in the
    background, COMPLETIONS_PER_TASK completions per task, after commit."""
    completion_ids = list(completion_ids)
    for start in range(0, len(completion_ids), COMPLETIONS_PER_TASK):
        batch = completion_ids[start : start + COMPLETIONS_PER_TASK]
        transaction.on_commit(lambda batch=batch: async_task(tasks.certificates_issue_for_completions, batch))


def queue_certificate_for_curriculum(sender, *, assignment_id, completed_at, **kwargs):
    """courses.curricula.signals.curriculum_completed → issue the curriculum certificate in the background."""
    transaction.on_commit(
        lambda: async_task(
            tasks.certificate_issue_for_curriculum,
            assignment_id,
            completed_at.isoformat(),
        )
    )


# Certifications per certificate task when a bulk evaluation announces many at once.
CERTIFICATIONS_PER_TASK = 1000


def queue_certificates_for_curricula(sender, *, certifications, **kwargs):
    """courses.curricula.signals.curricula_completed → issue the curriculum certificates in the
    background, about CERTIFICATIONS_PER_TASK certifications per task, after commit. An assignment's
    certifications (a replayed history: first, renewals) stay in one task, in order, so its
    superseded certificates are never e-mailed as current by a task that ran first."""
    by_assignment = {}
    for assignment_id, completed_at in certifications:
        by_assignment.setdefault(assignment_id, []).append([assignment_id, completed_at.isoformat()])
    batches, batch = [], []
    for pairs in by_assignment.values():
        if batch and len(batch) + len(pairs) > CERTIFICATIONS_PER_TASK:
            batches.append(batch)
            batch = []
        batch.extend(pairs)
    if batch:
        batches.append(batch)
    for batch in batches:
        transaction.on_commit(lambda batch=batch: async_task(tasks.certificates_issue_for_curricula, batch))
