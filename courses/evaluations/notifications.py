"""The invitation to evaluate, e-mailed once per person and session (or course), in their language.

Recorded in the scheduling app's NotificationLog under a key before it is sent, inside one transaction,
like the session e-mails: a retried task finds the key and sends nothing twice. The log says that an
invitation went out, never whether or how the person answered."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.catalogue.models import Course
from courses.people import roles
from courses.scheduling.models import NotificationLog, Registration, Session

from . import selectors

KIND = "evaluation_invitation"


def _language(user) -> str:
    employee = roles.employee_of(user)
    if employee is not None and employee.preferred_language:
        return employee.preferred_language
    return settings.LANGUAGE_CODE


def evaluation_invitation_send(*, user_id: int, kind: str, object_id: int) -> bool:
    """Invite the person to evaluate the session they attended (kind "session") or the course they
    completed ("course"), once. Nothing is sent when they are not (or no longer) eligible, have answered
    already, or have no e-mail address. Returns whether a message went out."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email or kind not in ("session", "course"):
        return False
    session = course = registration = None
    if kind == "session":
        session = Session.objects.select_related("course").filter(pk=object_id).first()
        if session is None:
            return False
        course = session.course
        registration = Registration.objects.filter(
            session=session, user=user, state=Registration.State.ATTENDED
        ).first()
        if registration is None:
            return False
        url = reverse("evaluations:session", args=[session.pk])
    else:
        course = Course.objects.filter(pk=object_id).first()
        if course is None or not selectors.has_completed(user, course):
            return False
        url = reverse("evaluations:course", args=[course.pk])
    if selectors.has_answered(user, course=course, session=session):
        return False
    key = f"{KIND}:{kind}:{object_id}:{user.pk}"
    try:
        with transaction.atomic():
            if NotificationLog.objects.filter(key=key).exists():
                return False
            NotificationLog.objects.create(
                key=key, kind=KIND, registration=registration, session=session, recipient=user.email
            )
            with translation.override(_language(user)):
                title = session.display_title if session is not None else course.title
                context = {
                    "name": user.get_full_name() or user.get_username(),
                    "title": title,
                    "url": settings.SITE_URL + url,
                    "is_session": session is not None,
                }
                subject = _("How was it? A short anonymous evaluation: %(title)s") % {"title": title}
                body = render_to_string("evaluations/email/invitation.txt", context, using="text")
            EmailMessage(subject, body, None, [user.email]).send()
    except IntegrityError:  # the same message is being sent by another worker
        return False
    return True
