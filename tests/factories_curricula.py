"""Factories and helpers for the curricula tests."""

import datetime

import factory
from django.utils import timezone

from courses.models import CourseCompletion
from curricula.models import Curriculum
from tests.factories import CourseFactory, EmployeeFactory


class CurriculumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Curriculum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Mandatory curriculum {n}")
    slug = factory.Sequence(lambda n: f"curriculum-{n}")
    due_days = 30

    @factory.post_generation
    def courses(self, create, extracted, **kwargs):
        if not create:
            return
        self.courses.set(extracted if extracted is not None else [CourseFactory()])

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.audience_departments.set(extracted)


def complete(user, course, when):
    """Record a course completion at `when` (a date is noon in the city's time zone)."""
    if isinstance(when, datetime.date) and not isinstance(when, datetime.datetime):
        when = timezone.make_aware(datetime.datetime.combine(when, datetime.time(12)))
    return CourseCompletion.objects.create(user=user, course=course, completed_at=when, source="learner")


def employee(**kwargs):
    return EmployeeFactory(**kwargs)
