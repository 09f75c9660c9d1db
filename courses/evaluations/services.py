"""Writes of the evaluations app."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .exceptions import AlreadyAnswered, NotEligible
from .models import EvaluationReceipt, EvaluationResponse


@transaction.atomic
def evaluation_submit(*, user, course, session=None, answers: dict) -> None:
    """Record one anonymous response to a session the person attended (or a course they completed)
    and a receipt that stops a second one. The response keeps the course, the session and the date only;
    the receipt keeps the person and what they evaluated, not what they said. Both or neither are saved:
    a second response raises AlreadyAnswered, a session not attended (or a course not completed)
    NotEligible. Returns nothing, so no caller holds the new response next to the person."""
    if session is not None and session.course_id != course.pk:
        raise NotEligible(_("This session does not belong to this course."))
    if session is not None and not selectors.has_attended(user, session):
        raise NotEligible(_("Only people who attended this session can evaluate it."))
    if session is None and not selectors.has_completed(user, course):
        raise NotEligible(_("Only people who completed this course can evaluate it."))
    today = timezone.localdate()
    response = EvaluationResponse(course=course, session=session, submitted_on=today, **answers)
    response.full_clean()
    receipt = EvaluationReceipt(user=user, course=course, session=session, received_on=today)
    receipt.full_clean(validate_constraints=False)  # the unique constraint is the database's to enforce
    try:
        with transaction.atomic():
            receipt.save(force_insert=True)
    except IntegrityError:
        raise AlreadyAnswered(_("You have already evaluated this. Thank you — each person answers once."))
    response.save(force_insert=True)
