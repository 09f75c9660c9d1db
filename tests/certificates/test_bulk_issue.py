"""Completions recorded in bulk (an import) get their certificates in a few tasks of up to
COMPLETIONS_PER_TASK completions, issued in bulk: each is exactly the certificate issuing it alone
would give — snapshot, expiry under a recertifying curriculum, audit events, superseding — and
issuing again changes nothing."""

import pytest
from django.db import transaction

from certificates import bulk, receivers, services
from certificates.models import Certificate
from courses.catalogue.models import CourseCompletion
from courses.catalogue.services import course_completions_record
from courses.curricula.services import assignments_evaluate_for_users, assignments_reconcile
from tests.certificates.factories import (
    CourseCompletionFactory,
    days_ago,
    holder,
    issued_outcome,
    refuse_bulk_inserts,
)
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def by_completion(certificate):
    return certificate.completion_id


@pytest.fixture
def history():
    """Imported completions of several people: one with three completions of a recertifying course
    (out of date order), one who already holds a certificate for a later completion, one in Spanish,
    and a course outside any curriculum. Recorded, re-evaluated, not yet certified."""
    recertified = CourseFactory(title="Anti-racism foundations", title_es="Fundamentos antirracistas")
    other = CourseFactory(title="Language access", estimated_minutes=90)
    CurriculumFactory(courses=[recertified], recert_period_months=24, recert_window_days=60)
    ana, bao, carmen = holder(name="Ana", language="en"), holder(name="Bảo", language="vi"), holder(language="es")
    assignments_reconcile()
    later = CourseCompletionFactory(user=bao, course=recertified, completed_at=days_ago(10))
    services.certificate_issue_for_completion(completion_id=later.pk)
    rows = [
        (ana.pk, recertified.pk, days_ago(400)),
        (ana.pk, recertified.pk, days_ago(1200)),
        (ana.pk, recertified.pk, days_ago(30)),
        (ana.pk, recertified.pk, days_ago(2000)),
        (bao.pk, recertified.pk, days_ago(200)),
        (carmen.pk, recertified.pk, days_ago(5)),
        (carmen.pk, other.pk, days_ago(5)),
    ]
    records = course_completions_record(completions=rows, source="import", reevaluated=True)
    assignments_evaluate_for_users(user_ids={user_id for user_id, _course, _at in rows})
    return [record.pk for record in records]


def test_bulk_issue_gives_each_completion_the_certificate_issuing_it_alone_gives(history):
    with transaction.atomic():
        for completion_id in history:
            services.certificate_issue_for_completion(completion_id=completion_id)
        one_by_one = issued_outcome(by_completion)
        transaction.set_rollback(True)
    assert bulk.certificates_issue_for_completions(completion_ids=history) == len(history)
    assert issued_outcome(by_completion) == one_by_one
    certificates = {c.completion_id: c for c in Certificate.objects.filter(completion_id__in=history)}
    assert certificates[history[5]].title == "Fundamentos antirracistas"
    assert certificates[history[0]].expires_on is not None, "the recertifying curriculum sets an expiry"
    assert certificates[history[6]].expires_on is None and str(certificates[history[6]].hours) == "1.50"
    valid = Certificate.objects.filter(status=Certificate.Status.VALID)
    assert valid.filter(holder__first_name="Ana").get().completion_id == history[2], "the latest stays valid"
    assert valid.filter(holder__first_name="Bảo").get().completion_id != history[4], "the earlier one held"
    assert len({c.code for c in Certificate.objects.all()}) == Certificate.objects.count()


def test_bulk_issue_is_idempotent_and_skips_what_is_already_certified(history):
    services.certificate_issue_for_completion(completion_id=history[0])
    assert bulk.certificates_issue_for_completions(completion_ids=history) == len(history) - 1
    before = issued_outcome(by_completion)
    assert bulk.certificates_issue_for_completions(completion_ids=history + [10**9]) == 0
    assert issued_outcome(by_completion) == before
    assert Certificate.objects.filter(completion_id__in=history).count() == len(history)


def test_a_batch_the_database_refuses_is_issued_one_at_a_time(history, monkeypatch):
    """Another worker certifying one of the completions between the read and the insert makes the
    database refuse the bulk insert (unique source key): the batch is then issued one at a time."""
    calls = refuse_bulk_inserts(monkeypatch)
    assert bulk.certificates_issue_for_completions(completion_ids=history) == len(history)
    assert calls == [len(history)]
    assert Certificate.objects.filter(completion_id__in=history).count() == len(history)


def test_certificates_of_completions_recorded_in_bulk_are_queued_in_batches(monkeypatch):
    queued = []
    monkeypatch.setattr(receivers, "COMPLETIONS_PER_TASK", 2)
    monkeypatch.setattr(receivers, "async_task", lambda task, *args, **kwargs: queued.append((task, args)))
    receivers.queue_certificates_for_completions(None, completion_ids=[5, 6, 7, 8, 9], source="import")
    # Outside a transaction on_commit runs at once; in the test's transaction it waits: run it.
    from django.db import connection

    for _savepoints, callback, _robust in list(connection.run_on_commit):
        callback()
    assert queued == [(receivers.tasks.certificates_issue_for_completions, (batch,)) for batch in ([5, 6], [7, 8], [9])]


def test_non_imported_completions_recorded_in_bulk_email_their_holders(mailoutbox, django_capture_on_commit_callbacks):
    user = holder(name="Ana", language="en")
    user.email = "ana@city.example"
    user.save()
    course = CourseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        records = course_completions_record(completions=[(user.pk, course.pk, days_ago(1))], source="admin")
    certificate = Certificate.objects.get(completion_id=records[0].pk)
    assert len(mailoutbox) == 1 and certificate.holder_notified_at is not None
    assert CourseCompletion.objects.get().source == "admin"
