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


def queue_certificate_for_curriculum(sender, *, assignment_id, completed_at, **kwargs):
    """courses.curricula.signals.curriculum_completed → issue the curriculum certificate in the background."""
    transaction.on_commit(
        lambda: async_task(
            tasks.certificate_issue_for_curriculum,
            assignment_id,
            completed_at.isoformat(),
        )
    )
