"""E-mails about training requests, in each recipient's language and time zone, sent once.

Each message is recorded in scheduling.NotificationLog under a key before it is sent, in the same
transaction: a retried task finds the key and sends nothing twice; a failed send rolls the record
back so that the retry sends it.
"""

import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.people.models import Employee
from courses.scheduling.models import NotificationLog

from .models import TrainingRequest


def _language(user) -> str:
    employee = getattr(user, "employee", None)
    return (employee.preferred_language if employee else "") or settings.LANGUAGE_CODE


def _zone(user, fallback):
    employee = getattr(user, "employee", None)
    try:
        return zoneinfo.ZoneInfo(employee.time_zone) if employee and employee.time_zone else fallback
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return fallback


def _send_once(*, key: str, kind: str, user, template: str, context: dict, session=None) -> bool:
    if not user.email:
        return False
    try:
        with transaction.atomic():
            if NotificationLog.objects.filter(key=key).exists():
                return False
            NotificationLog.objects.create(key=key, kind=kind, session=session, recipient=user.email)
            zone = _zone(user, session.tzinfo if session else timezone.get_default_timezone())
            with translation.override(_language(user)), timezone.override(zone):
                text = render_to_string(template, {**context, "user": user}, using="text").strip()
            subject, _blank, body = text.partition("\n")
            send_mail(subject.strip(), body.strip() + "\n", None, [user.email])
    except IntegrityError:  # another worker is sending the same message
        return False
    return True


def _load(request_id):
    return (
        TrainingRequest.objects.select_related("department", "course", "requested_by__employee", "session__course")
        .filter(pk=request_id)
        .first()
    )


def decision_email_send(*, request_id: int, status: str) -> bool:
    """Tell the requester that their request was scheduled or declined. Once per decision."""
    request = _load(request_id)
    if request is None or request.requested_by is None or request.status != status:
        return False
    context = {
        "request": request,
        "session": request.session,
        "url": settings.SITE_URL + reverse("training_requests:detail", args=[request.pk]),
        "session_url": settings.SITE_URL + reverse("scheduling:detail", args=[request.session_id])
        if request.session_id
        else "",
    }
    return _send_once(
        key=f"request_decision:{request.pk}:{status}",
        kind="request_decision",
        user=request.requested_by,
        template=f"scheduling/requests/email/{status}.txt",
        context=context,
        session=request.session,
    )


def department_announce(*, request_id: int) -> int:
    """Let every active employee of the department (and the departments below) know that the
    training they asked for is scheduled, each once, in their language. Returns how many were sent."""
    request = _load(request_id)
    if request is None or request.status != TrainingRequest.Status.SCHEDULED or request.session is None:
        return 0
    session = request.session
    if session.is_cancelled:
        return 0
    employees = (
        Employee.objects.filter(active=True, department__path__startswith=request.department.path)
        .exclude(user__email="")
        .select_related("user")
    )
    url = settings.SITE_URL + reverse("scheduling:detail", args=[session.pk])
    sent = 0
    for employee in employees.iterator():
        user = employee.user
        user.employee = employee
        sent += _send_once(
            key=f"request_announce:{request.pk}:{user.pk}",
            kind="request_announce",
            user=user,
            template="scheduling/requests/email/announce.txt",
            context={"request": request, "session": session, "url": url},
            session=session,
        )
    return sent


def training_admins_tell(*, request_id: int) -> int:
    """E-mail every training admin about a new request, each once. Returns how many were sent."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    request = _load(request_id)
    if request is None or request.status != TrainingRequest.Status.SUBMITTED:
        return 0
    admins = (
        get_user_model()
        .objects.filter(Q(groups__name=settings.TRAINING_ADMINS_GROUP) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .select_related("employee")
        .distinct()
    )
    url = settings.SITE_URL + reverse("training_requests:detail", args=[request.pk])
    sent = 0
    for admin in admins:
        sent += _send_once(
            key=f"request_new:{request.pk}:{admin.pk}",
            kind="request_new",
            user=admin,
            template="scheduling/requests/email/submitted.txt",
            context={"request": request, "url": url},
        )
    return sent
