"""Writes of training requests. Keyword-only, atomic; each says what it guarantees.

Every status change goes through TrainingRequest.transition() under a row lock, is recorded as a
TrainingRequestEvent, and queues its e-mails (the requester's decision notice; on approval the
department's announcement) once the transaction commits.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.people import roles

from . import tasks
from .exceptions import NotAllowed, RequestError
from .models import TrainingRequest, TrainingRequestEvent

Status = TrainingRequest.Status
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _queue(task, *args) -> None:
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(task, *args), robust=True)


def can_request_for(user, department) -> bool:
    """Heads ask for their departments and those below; training admins for any."""
    return roles.visible_departments(user).filter(pk=department.pk).exists()


def _record(request: TrainingRequest, *, actor, from_status: str, reason: str = "") -> None:
    TrainingRequestEvent.objects.create(
        request=request, actor=actor, from_status=from_status, to_status=request.status, reason=reason
    )


def _normalise_months(months) -> list[str]:
    months = sorted({str(month).strip() for month in months or [] if str(month).strip()})
    bad = [month for month in months if not MONTH.match(month)]
    if bad:
        raise RequestError(_("“%(value)s” is not a month (use YYYY-MM).") % {"value": bad[0]})
    return months


@transaction.atomic
def request_create(
    *,
    requester,
    department,
    audience_size: int,
    topic: str = "",
    course=None,
    preferred_months=(),
    language: str = "en",
    notes: str = "",
    notify: bool = True,
) -> TrainingRequest:
    """A department head asks for a training for one of their departments (NotAllowed otherwise).
    Starts as submitted; the training admins see it at once and are e-mailed (unless `notify=False`:
    demo data)."""
    if not can_request_for(requester, department):
        raise NotAllowed(_("You can ask for trainings for the departments you head only."))
    request = TrainingRequest(
        department=department,
        requested_by=requester,
        topic=(topic or "").strip(),
        course=course,
        audience_size=audience_size,
        preferred_months=_normalise_months(preferred_months),
        language=language,
        notes=(notes or "").strip(),
    )
    request.full_clean()
    request.save()
    _record(request, actor=requester, from_status="")
    if notify:
        _queue(tasks.tell_training_admins, request.pk)
    return request


def _lock(request: TrainingRequest) -> TrainingRequest:
    return TrainingRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def request_withdraw(*, request: TrainingRequest, actor) -> TrainingRequest:
    """The requester takes back a request that was not decided yet."""
    request = _lock(request)
    if request.requested_by_id != actor.pk:
        raise NotAllowed(_("Only the person who asked can withdraw a request."))
    was = request.status
    request.transition(Status.WITHDRAWN)
    request.save(update_fields=["status", "updated_at"])
    _record(request, actor=actor, from_status=was)
    return request


@transaction.atomic
def request_decline(*, request: TrainingRequest, actor, reason: str) -> TrainingRequest:
    """A training admin declines with a reason; the requester is e-mailed."""
    if not roles.is_training_admin(actor):
        raise NotAllowed(_("Only a training admin can decide on a request."))
    reason = (reason or "").strip()
    if not reason:
        raise RequestError(_("Say why the request is declined: the person who asked will read it."))
    request = _lock(request)
    was = request.status
    request.transition(Status.DECLINED)
    request.decided_by, request.decided_at, request.decision_reason = actor, timezone.now(), reason
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
    _record(request, actor=actor, from_status=was, reason=reason)
    _queue(tasks.send_decision_email, request.pk, Status.DECLINED)
    return request


@transaction.atomic
def request_approve(
    *,
    request: TrainingRequest,
    actor,
    course,
    facilitators,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    note: str = "",
    **session_fields,
) -> TrainingRequest:
    """A training admin approves by scheduling a one-off session restricted to the request's
    department (and every department below it), through courses.scheduling.services.session_create (which
    refuses a double-booked facilitator). The requester is e-mailed and the department's employees
    are told, each once. Nothing is saved when the session cannot be created."""
    from courses.scheduling import services as scheduling

    if not roles.is_training_admin(actor):
        raise NotAllowed(_("Only a training admin can decide on a request."))
    request = _lock(request)
    was = request.status
    request.transition(Status.SCHEDULED)
    session_fields.setdefault("language", request.language)
    session_fields.setdefault("title", request.topic if request.topic and not request.course_id else "")
    session_fields["is_public"] = False
    session = scheduling.session_create(
        created_by=actor,
        course=course,
        facilitators=facilitators,
        starts_at=starts_at,
        ends_at=ends_at,
        restricted_departments=[request.department],
        **session_fields,
    )
    request.session = session
    request.decided_by, request.decided_at, request.decision_reason = actor, timezone.now(), (note or "").strip()
    request.save(update_fields=["status", "session", "decided_by", "decided_at", "decision_reason", "updated_at"])
    _record(request, actor=actor, from_status=was, reason=request.decision_reason)
    _queue(tasks.send_decision_email, request.pk, Status.SCHEDULED)
    _queue(tasks.announce_session, request.pk)
    return request
