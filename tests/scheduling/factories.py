"""Factories and helpers for the scheduling tests: series, sessions and registrations."""

import datetime

import factory
from django.utils import timezone

from courses.scheduling.models import Registration, Session, SessionSeries
from tests.factories import CourseFactory, EmployeeFactory, UserFactory, facilitator


def employee_user(**kwargs):
    """A user with an active Employee profile."""
    return EmployeeFactory(**kwargs).user


class SessionFactory(factory.django.DjangoModelFactory):
    """A one-off session next week, two hours long, 25 seats, in a room."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    room = "City Hall, room 301"
    capacity = 25
    language = "en"

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if not create:
            return
        self.facilitators.set(extracted if extracted is not None else [facilitator()])

    @factory.post_generation
    def restricted_departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.restricted_departments.set(extracted)


class SeriesFactory(factory.django.DjangoModelFactory):
    """A monthly series on the second Tuesday, 10:00–12:00 city time (no sessions created: use
    courses.scheduling.services.series_create or series_materialize for those)."""

    class Meta:
        model = SessionSeries
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    room = "City Hall, room 301"
    capacity = 20
    start_date = factory.LazyFunction(lambda: timezone.localdate())
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    rrule = "FREQ=MONTHLY;BYDAY=2TU"

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if not create:
            return
        self.facilitators.set(extracted if extracted is not None else [facilitator()])


def registration(session, user=None, state=Registration.State.BOOKED, **kwargs):
    user = user or employee_user()
    return Registration.objects.create(session=session, user=user, state=state, **kwargs)


__all__ = ["SessionFactory", "SeriesFactory", "employee_user", "registration", "UserFactory", "facilitator"]
