"""Factories for certificate tests."""

import factory
from django.utils import timezone

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
