import datetime
import threading
import unicodedata
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone

from certificates import services
from certificates.exceptions import CertificateError, IllegalTransition
from certificates.models import Certificate, CertificateEvent
from courses.catalogue.services import course_completion_record
from courses.curricula.models import Assignment, Curriculum
from tests.certificates.factories import CourseCompletionFactory, holder, issued_certificate
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_a_certificate_after_commit(django_capture_on_commit_callbacks):
    user = holder()
    course = CourseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        completion = course_completion_record(user=user, course=course, completed_at=timezone.now())
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.holder == user
    assert certificate.status == Certificate.Status.VALID
    assert certificate.events.filter(action=CertificateEvent.Action.ISSUED).exists()


def test_nothing_is_issued_before_the_completion_commits():
    user = holder()
    course_completion_record(user=user, course=CourseFactory(), completed_at=timezone.now())
    # In a test, the transaction never commits: no task ran.
    assert not Certificate.objects.exists()


def test_snapshot_is_in_the_holders_language_with_hours_and_branding():
    user = holder(name="Nguyễn Thị Hương", language="vi")
    course = CourseFactory(
        title="Structural racism", title_vi="Phân biệt chủng tộc mang tính cấu trúc", estimated_minutes=90
    )
    certificate = issued_certificate(user=user, course=course)
    assert certificate.language == "vi"
    assert certificate.holder_name == "Nguyễn Thị Hương"
    assert certificate.title == "Phân biệt chủng tộc mang tính cấu trúc"
    assert str(certificate.hours) == "1.50"
    assert certificate.organisation_name and certificate.issuer


def test_snapshot_falls_back_to_the_default_title_without_a_translation():
    user = holder(name="王小明", language="zh-hans")
    certificate = issued_certificate(user=user, course=CourseFactory(title="Language access"))
    assert certificate.title == "Language access"


def test_snapshot_text_is_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    certificate = issued_certificate(user=holder(name=decomposed))
    assert certificate.holder_name == unicodedata.normalize("NFC", "Nguyễn Thị Hương")


def test_later_edits_do_not_change_an_issued_certificate():
    user = holder(name="Ana Ruiz", language="en")
    course = CourseFactory(title="Implicit bias")
    certificate = issued_certificate(user=user, course=course)
    course.title = "Implicit bias, revised"
    course.save()
    user.first_name = "Ana María"
    user.save()
    certificate.refresh_from_db()
    assert (certificate.holder_name, certificate.title) == ("Ana Ruiz", "Implicit bias")


def test_issuing_again_for_the_same_completion_returns_the_same_certificate():
    completion = CourseCompletionFactory()
    first = services.certificate_issue_for_completion(completion_id=completion.pk)
    second = services.certificate_issue_for_completion(completion_id=completion.pk)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_a_duplicate_signal_issues_one_certificate(django_capture_on_commit_callbacks):
    from courses.catalogue.signals import course_completed

    completion = CourseCompletionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            course_completed.send(
                sender=None, completion_id=completion.pk, user_id=completion.user_id, course_id=completion.course_id
            )
    assert Certificate.objects.filter(completion=completion).count() == 1


def test_the_database_refuses_a_second_certificate_when_the_check_is_raced():
    """Two workers both pass the "already issued?" check: the unique constraint stops the second."""
    completion = CourseCompletionFactory()
    first = services.certificate_issue_for_completion(completion_id=completion.pk)
    real_filter = Certificate.objects.filter

    def blind_first_check(*args, **kwargs):
        # The first existence check sees nothing, as a concurrent worker would.
        if kwargs == {"source_key": first.source_key, "replaces__isnull": True} and not blind_first_check.done:
            blind_first_check.done = True
            return Certificate.objects.none()
        return real_filter(*args, **kwargs)

    blind_first_check.done = False
    with mock.patch.object(Certificate.objects, "filter", side_effect=blind_first_check):
        second = services.certificate_issue_for_completion(completion_id=completion.pk)
    assert second.pk == first.pk
    assert Certificate.objects.filter(completion=completion).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_workers_issue_one_certificate_for_a_completion():
    """Four workers start together. On PostgreSQL they truly race (the unique constraint decides).
    SQLite's in-memory test database refuses concurrent writers outright instead of queueing them as
    a file database in IMMEDIATE mode does, so there the workers run one after another; the raced
    check itself is covered by the test above on both databases."""
    completion = CourseCompletionFactory()
    concurrent = connection.vendor != "sqlite"
    barrier = threading.Barrier(4 if concurrent else 1)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(services.certificate_issue_for_completion(completion_id=completion.pk).pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
        if not concurrent:
            thread.join()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 4 and len(set(results)) == 1
    assert Certificate.objects.filter(completion=completion).count() == 1


def test_recertification_supersedes_the_earlier_certificate():
    user = holder()
    course = CourseFactory()
    old = issued_certificate(user=user, course=course, completed_at=timezone.now() - datetime.timedelta(days=400))
    new = issued_certificate(user=user, course=course)
    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED
    assert old.superseded_by == new
    assert new.status == Certificate.Status.VALID
    assert old.events.filter(action=CertificateEvent.Action.SUPERSEDED).exists()


def test_an_older_completion_issued_late_does_not_supersede_the_current_certificate():
    user = holder()
    course = CourseFactory()
    current = issued_certificate(user=user, course=course)
    late = issued_certificate(user=user, course=course, completed_at=timezone.now() - datetime.timedelta(days=400))
    current.refresh_from_db()
    assert current.status == Certificate.Status.VALID
    assert late.status == Certificate.Status.SUPERSEDED
    assert late.superseded_by == current


def test_certificates_of_other_people_or_courses_are_not_superseded():
    user = holder()
    first = issued_certificate(user=user)
    issued_certificate(user=user)
    issued_certificate(course=first.course)
    first.refresh_from_db()
    assert first.status == Certificate.Status.VALID


def test_a_certificate_past_its_expiry_date_is_expired():
    certificate = issued_certificate()
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    assert certificate.state == Certificate.State.EXPIRED
    certificate.expires_on = timezone.localdate()
    assert certificate.state == Certificate.State.VALID


def test_expiry_comes_from_the_curricula_rule():
    expiry = datetime.date(2030, 1, 31)
    with mock.patch("certificates.services.certification_expiry", return_value=expiry) as rule:
        certificate = issued_certificate()
    assert certificate.expires_on == expiry
    assert rule.call_args.kwargs["course_id"] == certificate.course_id


def test_training_admin_revokes_with_a_reason_and_it_is_audited():
    admin = training_admin()
    certificate = issued_certificate()
    services.certificate_revoke(certificate=certificate, by=admin, reason="Completion recorded in error")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == admin
    event = certificate.events.get(action=CertificateEvent.Action.REVOKED)
    assert (event.actor, event.note) == (admin, "Completion recorded in error")


def test_revoking_needs_a_reason_and_changes_nothing_without_one():
    certificate = issued_certificate()
    with pytest.raises(CertificateError):
        services.certificate_revoke(certificate=certificate, by=training_admin(), reason="   ")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_someone_who_is_not_a_training_admin_cannot_revoke():
    certificate = issued_certificate()
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, by=EmployeeFactory().user, reason="no")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_a_revoked_certificate_cannot_be_revoked_again():
    admin = training_admin()
    certificate = issued_certificate()
    services.certificate_revoke(certificate=certificate, by=admin, reason="Error")
    with pytest.raises(IllegalTransition):
        services.certificate_revoke(certificate=certificate, by=admin, reason="Again")


def test_reissue_makes_a_new_code_with_a_fresh_snapshot_and_supersedes_the_old():
    admin = training_admin()
    user = holder(name="Ana Ruiz", language="en")
    old = issued_certificate(user=user)
    user.first_name = "Ana María Ruiz"
    user.save()
    new = services.certificate_reissue(certificate=old, by=admin, note="Name changed")
    old.refresh_from_db()
    assert new.code != old.code
    assert new.holder_name == "Ana María Ruiz"
    assert new.completion_id == old.completion_id and new.replaces == old
    assert old.status == Certificate.Status.SUPERSEDED and new.status == Certificate.Status.VALID
    assert old.events.filter(action=CertificateEvent.Action.REISSUED, actor=admin).exists()


def test_a_certificate_is_reissued_only_once():
    admin = training_admin()
    old = issued_certificate()
    services.certificate_reissue(certificate=old, by=admin)
    with pytest.raises(CertificateError):
        services.certificate_reissue(certificate=old, by=admin)
    assert Certificate.objects.filter(replaces=old).count() == 1


def test_reissuing_a_revoked_certificate_leaves_it_revoked():
    admin = training_admin()
    old = issued_certificate()
    services.certificate_revoke(certificate=old, by=admin, reason="Wrong person")
    new = services.certificate_reissue(certificate=old, by=admin)
    old.refresh_from_db()
    assert old.status == Certificate.Status.REVOKED
    assert new.status == Certificate.Status.VALID


def test_someone_who_is_not_a_training_admin_cannot_reissue():
    certificate = issued_certificate()
    with pytest.raises(PermissionDenied):
        services.certificate_reissue(certificate=certificate, by=EmployeeFactory().user)
    assert Certificate.objects.count() == 1


def test_the_task_ignores_a_completion_that_no_longer_exists():
    from certificates.tasks import certificate_issue_for_completion

    assert certificate_issue_for_completion(987654) is None
    assert not Certificate.objects.exists()


# Curriculum certificates (the service; the curricula app supplies title, hours and expiry)


def curriculum_certificate(user, *, completed_at=None, **kwargs):
    assignment = curriculum_assignment(user)
    return services.certificate_issue_for_curriculum(
        assignment_id=assignment.pk,
        user_id=user.pk,
        curriculum_id=assignment.curriculum_id,
        title=kwargs.pop("title", "Chương trình chống phân biệt chủng tộc"),
        hours=kwargs.pop("hours", 4),
        completed_at=completed_at or timezone.now(),
        **kwargs,
    )


def curriculum_assignment(user):
    """The user's assignment to one curriculum (the same one on every call)."""
    curriculum = Curriculum.objects.first() or CurriculumFactory()
    assignment, _created = Assignment.objects.get_or_create(
        curriculum=curriculum, user=user, defaults={"assigned_at": timezone.now(), "due_on": timezone.localdate()}
    )
    return assignment


def test_a_curriculum_certificate_is_issued_once_per_completion():
    user = holder()
    when = timezone.now()
    first = curriculum_certificate(user, completed_at=when, expires_on=datetime.date(2028, 1, 31))
    second = curriculum_certificate(user, completed_at=when)
    assert first.pk == second.pk
    assignment = curriculum_assignment(user)
    assert (first.course_id, first.curriculum, first.curriculum_assignment, first.expires_on) == (
        None,
        assignment.curriculum,
        assignment,
        datetime.date(2028, 1, 31),
    )
    assert first.title == "Chương trình chống phân biệt chủng tộc"


def test_a_certified_curriculum_and_its_assignment_cannot_be_deleted_under_the_certificate():
    user = holder()
    certificate = curriculum_certificate(user)
    with pytest.raises(ProtectedError):
        certificate.curriculum_assignment.delete()
    with pytest.raises(ProtectedError):
        Curriculum.objects.filter(pk=certificate.curriculum_id).delete()


def test_recertifying_a_curriculum_supersedes_the_earlier_certificate():
    user = holder()
    old = curriculum_certificate(user, completed_at=timezone.now() - datetime.timedelta(days=365))
    new = curriculum_certificate(user)
    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED and old.superseded_by == new


# Telling the holder


def test_the_holder_is_emailed_once_with_pdf_and_verify_links(django_capture_on_commit_callbacks, mailoutbox):
    user = holder(name="Nguyễn Thị Hương", language="vi")
    course = CourseFactory(title="Implicit bias", title_vi="Định kiến ngầm")
    with django_capture_on_commit_callbacks(execute=True):
        completion = course_completion_record(user=user, course=course, completed_at=timezone.now(), source="learner")
    certificate = Certificate.objects.get(completion=completion)
    (message,) = _certificate_mails(mailoutbox)  # the other one invites to evaluate the course
    assert message.to == [user.email]
    assert "Định kiến ngầm" in message.subject
    assert f"/verify/{certificate.display_code}/" in message.body
    assert f"/certificates/{certificate.display_code}.pdf" in message.body
    assert services.certificate_notify_holder(certificate_id=certificate.pk) is False
    assert len(_certificate_mails(mailoutbox)) == 1


def _certificate_mails(mailoutbox):
    return [message for message in mailoutbox if "/verify/" in message.body]


def test_imported_history_is_certified_without_email(django_capture_on_commit_callbacks, mailoutbox):
    user = holder()
    with django_capture_on_commit_callbacks(execute=True):
        completion = course_completion_record(
            user=user, course=CourseFactory(), completed_at=timezone.now() - datetime.timedelta(days=400)
        )
    assert completion.source == "import"
    assert Certificate.objects.filter(completion=completion).exists()
    assert mailoutbox == []


def test_a_certificate_that_has_already_expired_is_not_announced_as_ready(mailoutbox):
    """A completion recorded long after the fact can give a certificate already past its expiry date:
    neither the single e-mail nor the bulk one says it is ready; a current one is announced."""
    expired, current = issued_certificate(), issued_certificate()
    Certificate.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    Certificate.objects.filter(pk=current.pk).update(expires_on=timezone.localdate())

    assert services.certificate_notify_holder(certificate_id=expired.pk) is False
    assert services.certificates_notify_holders(certificate_ids=[expired.pk, current.pk]) == 1
    assert [message.to for message in mailoutbox] == [[current.holder.email]]
    assert services.certificate_notify_holder(certificate_id=expired.pk) is False
    assert Certificate.objects.get(pk=expired.pk).holder_notified_at is None


def test_no_email_for_a_holder_without_an_address(django_capture_on_commit_callbacks, mailoutbox):
    user = holder()
    user.email = ""
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        course_completion_record(user=user, course=CourseFactory(), completed_at=timezone.now())
    assert Certificate.objects.filter(holder=user).exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("language", "title", "mark"), [("vi", "Định kiến ngầm", "tháng"), ("zh-hans", "隐性偏见", "年")]
)
def test_the_email_is_in_the_holders_language_with_local_dates(
    django_capture_on_commit_callbacks, mailoutbox, language, title, mark
):
    from django.utils import formats, translation

    user = holder(language=language)
    course = CourseFactory(title="Implicit bias", title_vi="Định kiến ngầm", title_zh_hans="隐性偏见")
    expiry = datetime.date(2028, 2, 29)
    with (
        mock.patch("certificates.services.certification_expiry", return_value=expiry),
        django_capture_on_commit_callbacks(execute=True),
    ):
        course_completion_record(user=user, course=course, completed_at=timezone.now(), source="learner")
    with translation.override(language):
        local_expiry = formats.date_format(expiry, "DATE_FORMAT")
    assert mark in local_expiry
    (message,) = _certificate_mails(mailoutbox)
    assert title in message.subject and title in message.body
    assert local_expiry in message.body
    assert "Implicit bias" not in message.body
    assert translation.get_language() == "en"  # the holder's language did not leak into this thread
