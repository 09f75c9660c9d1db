"""Writes of the insights app: self-identification (answer, change, withdraw)."""

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


def insights_access_record(*, user, table: str, scope: str, format: str) -> InsightsAccess:
    """Audit one view or export of an insights table."""
    return InsightsAccess.objects.create(
        user=user, username=user.get_username(), table=table[:80], scope=scope[:200], format=format
    )
