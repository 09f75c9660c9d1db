"""Writes: issuing, revoking, superseding and re-issuing certificates."""

import logging
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.catalogue.models import Course, CourseCompletion
from courses.curricula.models import Assignment, CertificationRecord
from courses.people.roles import require_training_admin

from . import codes, tasks
from .exceptions import CertificateError, NotEligible
from .models import Certificate, CertificateEvent
from .selectors import (
    Branding,
    branding_for,
    certification_expiry,
    filter_by_state,
    holder_language,
    hours_from_minutes,
)

logger = logging.getLogger(__name__)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def holder_name(user) -> str:
    return nfc(user.get_full_name() or user.get_username())


def course_title_in(course: Course, language: str) -> str:
    """The course title in `language`, falling back to the default language (modeltranslation)."""
    with translation.override(language):
        return nfc(course.title)


def _snapshot(*, holder, title: str, hours, language: str, branding: Branding) -> dict:
    return {
        "language": language,
        "holder_name": holder_name(holder),
        "title": nfc(title),
        "hours": hours,
        "organisation_name": nfc(branding.organisation_name),
        "issuer": nfc(branding.issuer),
        "signatory_name": nfc(branding.signatory_name),
        "signatory_title": nfc(branding.signatory_title),
    }


def _subject_filter(certificate: Certificate) -> dict:
    if certificate.course_id is not None:
        return {"holder_id": certificate.holder_id, "course_id": certificate.course_id}
    return {"holder_id": certificate.holder_id, "curriculum_id": certificate.curriculum_id}


def _log(certificate: Certificate, action: str, *, actor=None, note: str = "") -> None:
    CertificateEvent.objects.create(certificate=certificate, action=action, actor=actor, note=note)


def _save_new(certificate: Certificate) -> Certificate | None:
    """Insert `certificate` with a fresh code. None when the database already holds an original
    certificate for its source (a duplicate event, a retry, or another worker won the race)."""
    for _attempt in range(3):
        certificate.code = codes.generate()
        certificate.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
            return certificate
        except IntegrityError:
            certificate.pk = None
            duplicate = Certificate.objects.filter(source_key=certificate.source_key, replaces__isnull=True)
            if certificate.replaces_id is None and duplicate.exists():
                return None
            if (
                certificate.replaces_id is not None
                and Certificate.objects.filter(replaces_id=certificate.replaces_id).exists()
            ):
                return None
            # Otherwise the random code collided with an existing one (2^-80): draw another.
    raise IntegrityError("could not store a certificate")


def _supersede_earlier(certificate: Certificate, *, actor=None) -> None:
    """Keep one valid certificate per holder and course (or curriculum): the one for the latest
    completion. Earlier valid ones become superseded; when `certificate` itself is for an older
    completion than a valid one (events processed out of order), it is the one superseded."""
    others = list(
        Certificate.objects.select_for_update()
        .filter(**_subject_filter(certificate), status=Certificate.Status.VALID)
        .exclude(pk=certificate.pk)
        .order_by("completed_at", "issued_at", "pk")
    )
    now = timezone.now()
    newer = [other for other in others if other.completed_at > certificate.completed_at]
    if newer:
        certificate.transition(Certificate.Status.SUPERSEDED, when=now)
        certificate.superseded_by = newer[-1]
        certificate.save(update_fields=["status", "status_changed_at", "superseded_by"])
        _log(certificate, CertificateEvent.Action.SUPERSEDED, actor=actor, note=newer[-1].code)
        return
    for other in others:
        other.transition(Certificate.Status.SUPERSEDED, when=now)
        other.superseded_by = certificate
        other.save(update_fields=["status", "status_changed_at", "superseded_by"])
        _log(other, CertificateEvent.Action.SUPERSEDED, actor=actor, note=certificate.code)


IMPORTED = "import"  # CourseCompletion.source of completions imported from earlier records


@transaction.atomic
def certificate_issue_for_completion(*, completion_id: int, notify: bool = True) -> Certificate:
    """Issue the certificate for one course completion, exactly once.

    Idempotent: calling it again (a retry, a duplicate signal, a second worker at the same moment)
    returns the certificate already issued; a unique constraint on the completion's source key makes
    this hold under concurrency, not only a check. Supersedes the holder's earlier valid certificate
    for the same course. With `notify`, the holder is e-mailed once the certificate is committed.
    Raises NotEligible when the completion does not exist."""
    source_key = f"completion:{completion_id}"
    existing = Certificate.objects.filter(source_key=source_key, replaces__isnull=True).first()
    if existing is not None:
        return existing
    completion = CourseCompletion.objects.select_related("user", "course").filter(pk=completion_id).first()
    if completion is None:
        raise NotEligible(_("There is no such course completion."))
    holder = completion.user
    language = holder_language(holder)
    certificate = Certificate(
        holder=holder,
        course=completion.course,
        completion=completion,
        source_key=source_key,
        completed_at=completion.completed_at,
        issued_on=timezone.localdate(),
        expires_on=certification_expiry(
            user_id=holder.pk, course_id=completion.course_id, completed_at=completion.completed_at
        ),
        **_snapshot(
            holder=holder,
            title=course_title_in(completion.course, language),
            hours=hours_from_minutes(completion.course.estimated_minutes),
            language=language,
            branding=branding_for(),
        ),
    )
    saved = _save_new(certificate)
    if saved is None:
        return Certificate.objects.get(source_key=source_key, replaces__isnull=True)
    _log(saved, CertificateEvent.Action.ISSUED)
    _supersede_earlier(saved)
    # Completions imported from earlier records are history: their certificates are issued quietly.
    if notify and completion.source != IMPORTED:
        _queue_notification(saved)
    return saved


@transaction.atomic
def certificate_issue_for_curriculum(
    *,
    assignment_id: int,
    user_id: int,
    curriculum_id: int,
    title: str,
    hours,
    completed_at,
    expires_on=None,
    notify: bool = True,
) -> Certificate:
    """Issue the certificate for a completed curriculum assignment, exactly once per completion of
    it (a recertification completes the same assignment again, later). Same guarantees as
    certificate_issue_for_completion. `title` is the curriculum's title in the holder's language."""
    source_key = _curriculum_source_key(assignment_id, completed_at)
    existing = Certificate.objects.filter(source_key=source_key, replaces__isnull=True).first()
    if existing is not None:
        return existing
    from django.contrib.auth import get_user_model

    holder = get_user_model().objects.get(pk=user_id)
    certificate = Certificate(
        holder=holder,
        curriculum_id=curriculum_id,
        curriculum_assignment_id=assignment_id,
        source_key=source_key,
        completed_at=completed_at,
        issued_on=timezone.localdate(),
        expires_on=expires_on,
        **_snapshot(holder=holder, title=title, hours=hours, language=holder_language(holder), branding=branding_for()),
    )
    saved = _save_new(certificate)
    if saved is None:
        return Certificate.objects.get(source_key=source_key, replaces__isnull=True)
    _log(saved, CertificateEvent.Action.ISSUED)
    _supersede_earlier(saved)
    if notify:
        _queue_notification(saved)
    return saved


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate (training admins only) with a reason, recorded in its audit trail.
    The verify page then says it is revoked. Raises CertificateError for an empty reason or a
    certificate that is already revoked; nothing changes then."""
    require_training_admin(by)
    reason = nfc(reason)
    if not reason:
        raise CertificateError(_("Give a reason for revoking the certificate."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate.transition(Certificate.Status.REVOKED)
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.full_clean(validate_constraints=False)
    certificate.save(update_fields=["status", "status_changed_at", "revoked_by", "revocation_reason"])
    _log(certificate, CertificateEvent.Action.REVOKED, actor=by, note=reason)
    certificate_id = certificate.pk
    transaction.on_commit(lambda: _queue(tasks.certificate_notify_revoked, certificate_id), robust=True)
    return certificate


def _queue(task, *args) -> None:
    from django_q.tasks import async_task

    async_task(task, *args)


@transaction.atomic
def certificate_notify_revoked(*, certificate_id: int) -> bool:
    """E-mail the holder, in their language, that their certificate was revoked and why (the reason
    the training admin gave), with a link to their certificates. At most once per certificate; nothing
    for someone without an e-mail address. Returns whether a message was sent."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    certificate = Certificate.objects.select_for_update().select_related("holder").filter(pk=certificate_id).first()
    if certificate is None or certificate.revocation_notified_at is not None:
        return False
    if certificate.status != Certificate.Status.REVOKED or not certificate.holder.email:
        return False
    context = {
        "certificate": certificate,
        "revoked_on": timezone.localtime(certificate.status_changed_at or timezone.now()).date(),
        "list_url": settings.SITE_URL + reverse("certificates:mine"),
    }
    with translation.override(holder_language(certificate.holder)):
        subject = _("Your certificate was revoked: %(title)s") % {"title": certificate.title}
        body = render_to_string("certificates/email/revoked.txt", context, using="text")
    send_mail(subject, body, None, [certificate.holder.email])
    certificate.revocation_notified_at = timezone.now()
    certificate.save(update_fields=["revocation_notified_at"])
    return True


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, by, note: str = "") -> Certificate:
    """Issue a new certificate in place of `certificate` (training admins only), with a fresh code and
    a fresh snapshot (today's name, title and branding; same completion and expiry). The old one is
    marked superseded unless it was revoked, which stays revoked. A certificate is re-issued at
    most once: its replacement is unique, so a double click makes one."""
    require_training_admin(by)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    replacement = Certificate.objects.filter(replaces=certificate).first()
    if replacement is not None:
        raise CertificateError(
            _("This certificate was already re-issued as %(code)s.") % {"code": replacement.display_code}
        )
    holder = certificate.holder
    language = holder_language(holder)
    title = course_title_in(certificate.course, language) if certificate.course_id else certificate.title
    hours = hours_from_minutes(certificate.course.estimated_minutes) if certificate.course_id else certificate.hours
    new = Certificate(
        holder=holder,
        course=certificate.course,
        completion=certificate.completion,
        curriculum=certificate.curriculum,
        curriculum_assignment=certificate.curriculum_assignment,
        source_key=certificate.source_key,
        replaces=certificate,
        completed_at=certificate.completed_at,
        issued_on=timezone.localdate(),
        expires_on=certificate.expires_on,
        **_snapshot(holder=holder, title=title, hours=hours, language=language, branding=branding_for()),
    )
    saved = _save_new(new)
    if saved is None:
        raise CertificateError(_("This certificate was already re-issued."))
    _log(saved, CertificateEvent.Action.ISSUED, actor=by, note=nfc(note))
    _log(certificate, CertificateEvent.Action.REISSUED, actor=by, note=saved.code)
    if certificate.status == Certificate.Status.VALID:
        certificate.transition(Certificate.Status.SUPERSEDED)
        certificate.superseded_by = saved
        certificate.save(update_fields=["status", "status_changed_at", "superseded_by"])
        _log(certificate, CertificateEvent.Action.SUPERSEDED, actor=by, note=saved.code)
    # A later completion's certificate stays the current one.
    _supersede_earlier(saved, actor=by)
    _queue_notification(saved)
    return saved


def certificate_issue_for_curriculum_assignment(
    *, assignment_id: int, completed_at, notify: bool = True
) -> Certificate:
    """Issue the certificate for a curriculum assignment completed (or recertified) at `completed_at`,
    reading the curriculum from the curricula app: its name in the holder's language, the hours of
    its courses the holder completed, and the expiry the curricula app recorded for that completion.
    With `notify` the holder is e-mailed (certificate_issue_for_curriculum). Raises NotEligible when
    the assignment no longer exists."""
    assignment = Assignment.objects.select_related("curriculum", "user").filter(pk=assignment_id).first()
    if assignment is None:
        raise NotEligible(_("There is no such curriculum assignment."))
    curriculum = assignment.curriculum
    language = holder_language(assignment.user)
    with translation.override(language):
        title = nfc(curriculum.name)
    record = CertificationRecord.objects.filter(assignment=assignment, completed_at=completed_at).first()
    expires_on = record.expires_on if record is not None else assignment.expires_on
    minutes = sum(
        course_minutes
        for _pk, course_minutes in Course.objects.filter(
            curricula=curriculum,
            completions__user_id=assignment.user_id,
            completions__completed_at__lte=completed_at,
        )
        .distinct()
        .values_list("pk", "estimated_minutes")
    )
    return certificate_issue_for_curriculum(
        assignment_id=assignment.pk,
        user_id=assignment.user_id,
        curriculum_id=curriculum.pk,
        title=title,
        hours=hours_from_minutes(minutes),
        completed_at=completed_at,
        expires_on=expires_on,
        notify=notify,
    )


def _curriculum_source_key(assignment_id: int, completed_at) -> str:
    return f"curriculum-assignment:{assignment_id}:{int(completed_at.timestamp())}"


# Certificate e-mails per bulk task: one connection to the mail server sends them all, well within a
# worker's timeout even when the server takes a tenth of a second per message.
NOTIFICATIONS_PER_TASK = 200


def _queue_notifications(certificate_ids: list) -> None:
    from django_q.tasks import async_task

    for start in range(0, len(certificate_ids), NOTIFICATIONS_PER_TASK):
        batch = certificate_ids[start : start + NOTIFICATIONS_PER_TASK]
        transaction.on_commit(lambda batch=batch: async_task(tasks.certificates_notify_holders, batch))


def _queue_notification(certificate: Certificate) -> None:
    from django_q.tasks import async_task

    certificate_id = certificate.pk
    transaction.on_commit(lambda: async_task(tasks.certificate_notify_holder, certificate_id))


@transaction.atomic
def certificate_notify_holder(*, certificate_id: int) -> bool:
    """E-mail the holder, in their language, that their certificate is ready (links to the PDF and
    to the verify page). At most once per certificate; not for a certificate that is no longer
    current, nor for someone without an e-mail address. Returns whether a message was sent."""
    from django.core.mail import send_mail

    certificate = Certificate.objects.select_for_update().select_related("holder").filter(pk=certificate_id).first()
    if certificate is None or certificate.holder_notified_at is not None:
        return False
    # Only a current certificate is "ready": a completion recorded long after the fact may give one that
    # has already expired (the bulk path, certificates_notify_holders, skips those too).
    if certificate.state != Certificate.State.VALID or not certificate.holder.email:
        return False
    subject, body = _issued_mail(certificate)
    send_mail(subject, body, None, [certificate.holder.email])
    certificate.holder_notified_at = timezone.now()
    certificate.save(update_fields=["holder_notified_at"])
    return True


def _issued_mail(certificate: Certificate) -> tuple[str, str]:
    """The subject and body telling the holder their certificate is ready, in its language."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse

    context = {
        "certificate": certificate,
        "pdf_url": settings.SITE_URL + reverse("certificates:pdf", args=[certificate.display_code]),
        "verify_url": settings.SITE_URL + reverse("certificates:verify", args=[certificate.display_code]),
        "list_url": settings.SITE_URL + reverse("certificates:mine"),
    }
    with translation.override(certificate.language):
        subject = _("Your certificate: %(title)s") % {"title": certificate.title}
        body = render_to_string("certificates/email/issued.txt", context, using="text")
    return subject, body


def certificates_notify_holders(*, certificate_ids) -> int:
    """certificate_notify_holder for many certificates, over one connection to the mail server: the
    same message, at most once per certificate, only for current certificates of holders with an
    address. Each message sent is recorded even when a later one fails; the failure is then raised
    (after the record is committed), so running the task again sends only what was not sent.
    Returns how many messages were sent."""
    from django.core.mail import EmailMessage, get_connection

    sent, failure = [], None
    with transaction.atomic():
        certificates = list(
            filter_by_state(Certificate.objects.select_for_update(of=("self",)), Certificate.State.VALID)
            .select_related("holder")
            .filter(pk__in=certificate_ids, holder_notified_at__isnull=True)
            .exclude(holder__email="")
            .order_by("pk")
        )
        if not certificates:
            return 0
        connection = get_connection()
        try:
            connection.open()
            for certificate in certificates:
                subject, body = _issued_mail(certificate)
                message = EmailMessage(subject, body, None, [certificate.holder.email], connection=connection)
                if connection.send_messages([message]):
                    sent.append(certificate.pk)
        except Exception as error:  # noqa: BLE001 - recorded below, raised once what was sent is kept
            failure = error
        finally:
            connection.close()
        Certificate.objects.filter(pk__in=sent).update(holder_notified_at=timezone.now())
    if failure is not None:
        raise failure
    return len(sent)
