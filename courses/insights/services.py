"""Writes of the insights app: self-identification (answer, change, withdraw)."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import standards
from .forms import Answers
from .models import (
    IdentityAnswer,
    IdentityWriteIn,
    InsightsAccess,
    InsightsSnapshot,
    SelfIdentification,
    SelfIdentificationWithdrawal,
)


@transaction.atomic
def self_identification_save(*, user, answers: Answers) -> SelfIdentification:
    """Replace the person's answers with `answers`. The consent date is the first save's (kept across
    changes); the answers are rewritten whole, so nothing of an earlier answer lingers."""
    record, created = SelfIdentification.objects.get_or_create(user=user, defaults={"consented_at": timezone.now()})
    if not created:
        record.answers.all().delete()
        record.write_ins.all().delete()
        record.save(update_fields=["updated_at"])
    rows = []
    for question_key, chosen in answers.choices.items():
        question = standards.question(question_key)
        for choice in sorted(chosen):
            group = standards.PREFER_NOT if choice == standards.PREFER_NOT else question.group_of(choice)
            rows.append(IdentityAnswer(self_identification=record, question=question_key, choice=choice, group=group))
    for question_key, text in answers.write_ins.items():
        rows.append(
            IdentityAnswer(
                self_identification=record, question=question_key, choice=standards.ANOTHER, group=standards.ANOTHER
            )
        )
        write_in = IdentityWriteIn(self_identification=record, question=question_key, text=text)
        write_in.full_clean(exclude=["self_identification"])
        write_in.save()
    IdentityAnswer.objects.bulk_create(rows)
    return record


@transaction.atomic
def self_identification_withdraw(*, user) -> bool:
    """Delete every answer of the person (a real delete) and record only the date. False if there was
    nothing to withdraw."""
    deleted, _ = SelfIdentification.objects.filter(user=user).delete()
    if not deleted:
        return False
    SelfIdentificationWithdrawal.objects.create(user=user, withdrawn_on=timezone.localdate())
    return True


def insights_snapshot_build(*, question_key: str | None = None) -> list[InsightsSnapshot]:
    """Compute and store the protected figures of every question (or one): the counting, the
    suppression and its audit happen here, once for the organisation, never per request."""
    from .figures import min_cell, snapshot_data
    from .history import record_month

    snapshots = []
    for question in standards.questions():
        if question_key is not None and question.key != question_key:
            continue
        k = min_cell()
        data = snapshot_data(question, k)
        snapshots.append(
            InsightsSnapshot.objects.create(question=question.key, taken_at=timezone.now(), k=k, data=data)
        )
    if snapshots:
        record_month(snapshots[0].data["totals"])  # the same for every question: counts of everyone
    return snapshots


def insights_history_reconstruct(*, months: int = 24) -> int:
    """Fill the trends' months that have no nightly record from the dates the engine keeps."""
    from .history import reconstruct

    with transaction.atomic():
        return reconstruct(months=months)


# While this key is in the cache a refresh is queued or running; the task deletes it when it ends. The
# timeout frees the way again if a worker died mid-task.
REFRESH_QUEUED_KEY = "insights:refresh-queued"
REFRESH_QUEUED_SECONDS = 30 * 60


def insights_snapshot_current(*, question_key: str) -> InsightsSnapshot | None:
    """The latest snapshot of the question if it was made with today's smallest-cell threshold; None
    when there is none (or only one protected by another threshold, which must not be shown)."""
    from .figures import min_cell

    snapshot = InsightsSnapshot.objects.filter(question=question_key).first()
    if snapshot is None or snapshot.k != min_cell():
        return None
    return snapshot


def insights_refresh_queue() -> bool:
    """Queue one rebuild of every question's figures for the task worker, after the current transaction
    commits. At most one is queued (or running) at a time: False when one already is."""
    from django_q.tasks import async_task

    from . import tasks

    if not cache.add(REFRESH_QUEUED_KEY, timezone.now().isoformat(), REFRESH_QUEUED_SECONDS):
        return False
    # The suppression's programs may take longer than an ordinary task may run.
    transaction.on_commit(lambda: async_task(tasks.insights_refresh, timeout=settings.INSIGHTS_TASK_TIMEOUT))
    return True


def insights_refresh_queued() -> bool:
    return cache.get(REFRESH_QUEUED_KEY) is not None


def insights_access_record(*, user, table: str, scope: str, format: str) -> InsightsAccess:
    """Audit one view or export of an insights table."""
    return InsightsAccess.objects.create(
        user=user, username=user.get_username(), table=table[:80], scope=scope[:200], format=format
    )
