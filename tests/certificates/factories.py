"""Factories for certificate tests."""

import datetime

import factory
from django.db import IntegrityError
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent
from courses.catalogue.models import CourseCompletion
from tests.factories import CourseFactory, EmployeeFactory


class CourseCompletionFactory(factory.django.DjangoModelFactory):
    """A completion row as the course engine records it (no signal: use the service for that)."""

    class Meta:
        model = CourseCompletion

    user = factory.LazyAttribute(lambda o: EmployeeFactory().user)
    course = factory.SubFactory(CourseFactory)
    completed_at = factory.LazyFunction(timezone.now)
    source = "learner"


def holder(name="Nguyễn Thị Hương", language="vi", **kwargs):
    """An employee user called `name` (first name + last name split on the first space is not right
    for every culture, so the whole name goes in first_name)."""
    employee = EmployeeFactory(user__first_name=name, user__last_name="", preferred_language=language, **kwargs)
    return employee.user


def issued_certificate(user=None, course=None, **completion_kwargs):
    """A certificate issued the way production issues it: for a completion, through the service."""
    from certificates.services import certificate_issue_for_completion

    completion = CourseCompletionFactory(
        **({"user": user} if user else {}), **({"course": course} if course else {}), **completion_kwargs
    )
    return certificate_issue_for_completion(completion_id=completion.pk)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def issued_outcome(key) -> tuple[list, list]:
    """Every certificate as issuing decides it (codes and moments aside) and its audit trail, each
    certificate named by `key(certificate)` (its completion, its source key): what a bulk issue must
    give exactly as issuing one at a time does."""
    by_pk = {certificate.pk: certificate for certificate in Certificate.objects.all()}
    key_of = {pk: key(certificate) for pk, certificate in by_pk.items()}
    key_of_code = {certificate.code: key(certificate) for certificate in by_pk.values()}
    certificates = sorted(
        (
            key(certificate),
            certificate.holder_id,
            certificate.course_id,
            certificate.curriculum_id,
            certificate.curriculum_assignment_id,
            certificate.completed_at,
            certificate.issued_on,
            certificate.expires_on,
            certificate.language,
            certificate.holder_name,
            certificate.title,
            certificate.hours,
            certificate.organisation_name,
            certificate.issuer,
            certificate.signatory_name,
            certificate.status,
            key_of.get(certificate.superseded_by_id),
            certificate.holder_notified_at,
        )
        for certificate in by_pk.values()
    )
    events = sorted(
        (key_of[event.certificate_id], event.action, key_of_code.get(event.note, event.note))
        for event in CertificateEvent.objects.all()
    )
    return certificates, events


def refuse_bulk_inserts(monkeypatch) -> list[int]:
    """Make the database refuse every bulk insert of certificates, as when another worker certified one
    of them between the read and the insert (unique source key); returns the sizes of the inserts tried."""
    calls = []

    def refused(objs, *args, **kwargs):
        calls.append(len(objs))
        raise IntegrityError("duplicate key value violates unique constraint certificate_one_per_source")

    monkeypatch.setattr(Certificate.objects, "bulk_create", refused)
    return calls
