"""Curriculum certifications made by a bulk evaluation (an import of history, a curriculum's
re-evaluation, a reconciliation) are announced once (curricula_completed) and certified in a few
tasks of up to CERTIFICATIONS_PER_TASK certifications, issued in bulk: each certificate is exactly the
one the single path (certificate_issue_for_curriculum_assignment) would give. Holders hear of their
current certificates in bulk e-mail tasks, one connection each; history is issued quietly."""

from collections import Counter

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

from certificates import bulk, receivers, services
from certificates.models import Certificate
from courses.catalogue.services import course_completions_record
from courses.curricula import services as curricula_services
from courses.curricula.models import Assignment
from courses.curricula.signals import curricula_completed, curriculum_completed
from tests.certificates.factories import days_ago, holder, issued_outcome, refuse_bulk_inserts
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def by_source(certificate):
    return certificate.source_key


def queue_spy(monkeypatch) -> Counter:
    """The tasks the certificate receivers queue, by name (nothing runs)."""
    queued = Counter()
    monkeypatch.setattr(receivers, "async_task", lambda task, *args, **kwargs: queued.update([task.__name__]))
    return queued


@pytest.fixture
def city():
    """Two curricula: a recertifying one of two courses (titled in Spanish and Vietnamese) and one of a
    one of two courses that never expires. Ana (en) has years of history (several cycles), Bảo (vi)
    already holds a certificate for a later certification, Carmen (es) certifies in both, Dan's
    old certification never expires, Eve's has expired. All assigned, nothing imported yet."""
    foundations = CourseFactory(title="Foundations", estimated_minutes=60)
    bias = CourseFactory(title="Implicit bias", estimated_minutes=90)
    access = CourseFactory(title="Language access", estimated_minutes=45)
    recertifying = CurriculumFactory(
        name="Anti-racism curriculum",
        name_es="Currículo antirracista",
        name_vi="Chương trình chống phân biệt chủng tộc",
        courses=[foundations, bias],
        recert_period_months=24,
        recert_window_days=60,
    )
    CurriculumFactory(  # one of two courses: a course completed later adds no hours to the certificate
        name="Language access basics", courses=[access, bias], requirement="some", min_courses=1
    )
    people = {
        "ana": holder(name="Ana", language="en"),
        "bao": holder(name="Bảo", language="vi"),
        "carmen": holder(name="Carmen", language="es"),
        "dan": holder(name="Dan", language="en"),
        "eve": holder(name="Eve", language="en"),
    }
    for index, user in enumerate(people.values()):
        user.email = f"person{index}@city.example"
        user.save()
    curricula_services.assignments_reconcile()
    later = Assignment.objects.get(user=people["bao"], curriculum=recertifying)
    services.certificate_issue_for_curriculum(
        assignment_id=later.pk,
        user_id=people["bao"].pk,
        curriculum_id=recertifying.pk,
        title="Chương trình chống phân biệt chủng tộc",
        hours=services.hours_from_minutes(150),
        completed_at=days_ago(1),
        notify=False,
    )
    rows = []
    for days in (2000, 1300, 600, 20):
        rows += [(people["ana"].pk, foundations.pk, days_ago(days)), (people["ana"].pk, bias.pk, days_ago(days + 1))]
    rows += [(people["bao"].pk, foundations.pk, days_ago(200)), (people["bao"].pk, bias.pk, days_ago(200))]
    rows += [(people["carmen"].pk, foundations.pk, days_ago(5)), (people["carmen"].pk, bias.pk, days_ago(3))]
    rows += [(people["carmen"].pk, access.pk, days_ago(4)), (people["dan"].pk, access.pk, days_ago(3000))]
    rows += [(people["eve"].pk, foundations.pk, days_ago(1000)), (people["eve"].pk, bias.pk, days_ago(1000))]
    course_completions_record(completions=rows, source="import", reevaluated=True)
    return people


@pytest.fixture
def announced(city, monkeypatch, django_capture_on_commit_callbacks):
    """The certifications the import's bulk evaluation announces (their certificates not issued)."""
    queue_spy(monkeypatch)
    announcements = []

    def listen(sender, *, certifications, **kwargs):
        announcements.append(certifications)

    curricula_completed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            curricula_services.assignments_evaluate_for_users(user_ids=[user.pk for user in city.values()])
    finally:
        curricula_completed.disconnect(listen)
    assert len(announcements) == 1, "one announcement for the whole evaluation"
    return announcements[0]


def test_bulk_issue_gives_each_certification_the_certificate_the_single_path_gives(announced, city):
    assert len([pair for pair in announced if pair[0] == announced[0][0]]) >= 3, "Ana's history: several cycles"
    with transaction.atomic():
        for assignment_id, completed_at in announced:
            services.certificate_issue_for_curriculum_assignment(
                assignment_id=assignment_id, completed_at=completed_at, notify=False
            )
        one_by_one = issued_outcome(by_source)
        transaction.set_rollback(True)
    assert bulk.certificates_issue_for_curricula(certifications=announced, notify=False) == len(announced)
    assert issued_outcome(by_source) == one_by_one
    issued = Certificate.objects.filter(curriculum__isnull=False)
    carmen = issued.filter(holder=city["carmen"])
    assert sorted(carmen.values_list("title", "hours")) == sorted(
        [("Currículo antirracista", services.hours_from_minutes(150)), ("Language access basics", 0.75)]
    )
    assert issued.get(holder=city["dan"]).expires_on is None
    assert issued.get(holder=city["eve"], curriculum__name="Language access basics").hours == 1.5
    ana = issued.filter(holder=city["ana"], curriculum__name="Anti-racism curriculum").order_by("completed_at")
    assert all(certificate.expires_on is not None for certificate in ana), "the recertifying rule sets expiries"
    assert [certificate.status for certificate in ana][-1] == Certificate.Status.VALID
    assert {certificate.status for certificate in ana[: len(ana) - 1]} == {Certificate.Status.SUPERSEDED}
    bao = issued.filter(holder=city["bao"], curriculum__name="Anti-racism curriculum").order_by("completed_at")
    assert [certificate.status for certificate in bao] == [Certificate.Status.SUPERSEDED, Certificate.Status.VALID]
    assert len({certificate.code for certificate in Certificate.objects.all()}) == Certificate.objects.count()


def test_bulk_issue_is_idempotent_and_skips_what_is_already_certified_or_gone(announced):
    first_id, first_at = announced[0]
    services.certificate_issue_for_curriculum_assignment(assignment_id=first_id, completed_at=first_at, notify=False)
    assert bulk.certificates_issue_for_curricula(certifications=announced, notify=False) == len(announced) - 1
    before = issued_outcome(by_source)
    gone = (10**9, timezone.now())
    assert bulk.certificates_issue_for_curricula(certifications=announced + [gone], notify=False) == 0
    assert issued_outcome(by_source) == before


def test_a_batch_the_database_refuses_is_issued_one_at_a_time(announced, monkeypatch):
    """Another worker certifying one of them between the read and the insert makes the database
    refuse the bulk insert (unique source key): the batch is then issued one at a time, quietly."""
    calls = refuse_bulk_inserts(monkeypatch)
    queued = queue_spy(monkeypatch)
    assert bulk.certificates_issue_for_curricula(certifications=announced, notify=False) == len(announced)
    assert calls == [len(announced)]
    assert Certificate.objects.filter(curriculum__isnull=False).count() == len(announced) + 1  # + Bảo's later one
    assert not queued


def test_a_bulk_evaluation_queues_a_bounded_number_of_certificate_tasks(
    city, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(receivers, "CERTIFICATIONS_PER_TASK", 4)
    queued = queue_spy(monkeypatch)
    single = []
    curriculum_completed.connect(lambda sender, **kwargs: single.append(kwargs), weak=False, dispatch_uid="spy")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            curricula_services.assignments_evaluate_for_users(user_ids=[user.pk for user in city.values()])
    finally:
        curriculum_completed.disconnect(dispatch_uid="spy")
    cycles = sorted(assignment.certifications.count() for assignment in Assignment.objects.all())
    assert sum(cycles) >= 7 and not single, ("no certification announced on its own", cycles)
    assert queued == {"certificates_issue_for_curricula": 3}, ("batches of about 4, never N tasks", cycles)


def test_an_assignments_certifications_stay_in_one_task_in_order():
    queued = []
    receivers_async = receivers.async_task
    receivers.async_task = lambda task, *args, **kwargs: queued.append(args[0])
    try:
        at = [days_ago(days) for days in (900, 500, 100)]
        receivers.CERTIFICATIONS_PER_TASK, per_task = 3, receivers.CERTIFICATIONS_PER_TASK
        from django.db import connection

        receivers.queue_certificates_for_curricula(
            None, certifications=[(1, at[0]), (2, at[0]), (1, at[1]), (1, at[2]), (3, at[1])]
        )
        for _savepoints, callback, _robust in list(connection.run_on_commit):
            callback()
    finally:
        receivers.async_task = receivers_async
        receivers.CERTIFICATIONS_PER_TASK = per_task
    iso = [moment.isoformat() for moment in at]
    assert queued == [[[1, iso[0]], [1, iso[1]], [1, iso[2]]], [[2, iso[0]], [3, iso[1]]]]


def test_an_import_emails_each_holder_once_for_their_current_certificates_in_one_task(
    city, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """Imported history certifies quietly; what is current now (valid, not expired) is told."""
    calls = Counter()
    real = services.certificates_notify_holders

    def counted(**kwargs):
        calls["notify"] += 1
        return real(**kwargs)

    monkeypatch.setattr(services, "certificates_notify_holders", counted)
    with django_capture_on_commit_callbacks(execute=True):
        curricula_services.assignments_evaluate_for_users(user_ids=[user.pk for user in city.values()])
    told = Counter(message.to[0] for message in mailoutbox if "/verify/" in message.body)
    current = Certificate.objects.filter(curriculum__isnull=False, holder_notified_at__isnull=False)
    assert sorted(current.values_list("holder__first_name", flat=True)) == [
        "Ana",  # her latest cycle only
        "Ana",
        "Bảo",  # not for the certificate his later one supersedes
        "Carmen",
        "Carmen",
        "Dan",
        "Eve",  # not for the one that has expired
    ]
    expired = Certificate.objects.filter(holder=city["eve"], expires_on__lt=timezone.localdate())
    assert expired.exists() and not expired.filter(holder_notified_at__isnull=False).exists()
    assert sorted(told.values()) == [1, 1, 1, 2, 2] and len(mailoutbox) == 7
    assert calls["notify"] == 1, "one bulk e-mail task for the batch"
    subjects = [message.subject for message in mailoutbox if message.to == [city["carmen"].email]]
    assert any("Currículo antirracista" in subject for subject in subjects)


class FlakyBackend(EmailBackend):
    """Refuses the second message it is given."""

    def send_messages(self, messages):
        FlakyBackend.calls += 1
        if FlakyBackend.calls == 2:
            raise OSError("the mail server hung up")
        return super().send_messages(messages)


def test_a_mail_server_failure_keeps_what_was_sent_and_a_retry_sends_the_rest(announced, settings, mailoutbox):
    bulk.certificates_issue_for_curricula(certifications=announced, notify=False)
    current = Certificate.objects.filter(curriculum__isnull=False, status="valid").exclude(
        expires_on__lt=timezone.localdate()
    )
    ids = list(current.values_list("pk", flat=True))
    assert len(ids) >= 3
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.calls = 0
    with pytest.raises(OSError):
        services.certificates_notify_holders(certificate_ids=ids)
    assert len(mailoutbox) == 1
    assert Certificate.objects.filter(holder_notified_at__isnull=False).count() == 1
    assert services.certificates_notify_holders(certificate_ids=ids) == len(ids) - 1
    assert services.certificates_notify_holders(certificate_ids=ids) == 0
    assert len(mailoutbox) == len(ids)


def test_a_single_evaluation_still_issues_and_emails_on_its_own(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    user = holder(name="Ana", language="en")
    user.email = "ana@city.example"
    user.save()
    course = CourseFactory()
    CurriculumFactory(name="Anti-racism curriculum", courses=[course])
    curricula_services.assignments_reconcile()
    bulk = []
    curricula_completed.connect(lambda sender, **kwargs: bulk.append(kwargs), weak=False, dispatch_uid="spy")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            course_completions_record(
                completions=[(user.pk, course.pk, days_ago(1))], source="import", reevaluated=True
            )
            curricula_services.assignments_evaluate_for_user(user_id=user.pk)
    finally:
        curricula_completed.disconnect(dispatch_uid="spy")
    certificate = Certificate.objects.get(curriculum__isnull=False)
    assert not bulk and certificate.holder_notified_at is not None
    assert [message.to for message in mailoutbox] == [["ana@city.example"]]
