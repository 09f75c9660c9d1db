"""Reads of the insights app that concern one person: only ever that person's own."""

from courses.people import roles

from .models import SelfIdentification, SelfIdentificationWithdrawal


def learn_panel_context(request):
    """The /learn/ panel: an invitation to the self-identification page, for employees. One query."""
    if not roles.is_employee(request.user):
        return None
    record = SelfIdentification.objects.filter(user=request.user).only("pk", "updated_at").first()
    return {"self_identification": record}


def own_self_identification(user) -> dict:
    """The person's own answers for their page: the record, the chosen keys per question and the
    write-ins, and the date of their last withdrawal."""
    record = SelfIdentification.objects.filter(user=user).prefetch_related("answers", "write_ins").first()
    chosen: dict[str, set[str]] = {}
    write_ins: dict[str, str] = {}
    if record is not None:
        for answer in record.answers.all():
            chosen.setdefault(answer.question, set()).add(answer.choice)
        write_ins = {write_in.question: write_in.text for write_in in record.write_ins.all()}
    withdrawal = SelfIdentificationWithdrawal.objects.filter(user=user).first()
    return {"record": record, "chosen": chosen, "write_ins": write_ins, "withdrawal": withdrawal}
