"""Writes of the insights app: self-identification (answer, change, withdraw)."""

from django.db import transaction
from django.utils import timezone

from . import standards
from .forms import Answers
from .models import IdentityAnswer, IdentityWriteIn, SelfIdentification, SelfIdentificationWithdrawal


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
