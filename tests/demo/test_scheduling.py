import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

import lms.demo.courses
import lms.demo.people
import lms.demo.scheduling
from courses.scheduling.models import Registration, Session, SessionSeries
from lms.demo.management.commands.seed_demo import DemoContext

pytestmark = pytest.mark.django_db


def seed(demo=None):
    demo = demo or DemoContext(
        password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style()
    )
    lms.demo.people.seed(demo)
    lms.demo.courses.seed(demo)
    lms.demo.scheduling.seed(demo)
    return demo


def test_the_demo_has_monthly_series_and_a_registration_for_the_employee_and_seeding_twice_adds_nothing():
    demo = seed()
    counts = (SessionSeries.objects.count(), Session.objects.count(), Registration.objects.count())
    assert counts[0] == 2 and counts[1] >= 8
    assert Registration.objects.filter(user=demo.users["employee"]).count() == 2
    seed()
    assert (SessionSeries.objects.count(), Session.objects.count(), Registration.objects.count()) == counts


def test_the_demo_skips_sessions_without_a_facilitator_account():
    demo = DemoContext(password="x", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    lms.demo.scheduling.seed(demo)
    assert not SessionSeries.objects.exists()
