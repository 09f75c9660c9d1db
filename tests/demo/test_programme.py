"""The programme demo: open training, workshop, dialogue, reading circle with its page, employee's
places (a waitlist among them), a pending request from the head; seeding twice adds nothing."""

import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

import lms.demo.cms
import lms.demo.courses
import lms.demo.people
import lms.demo.programme
import lms.demo.scheduling
from cms.models import ReadingCirclePage
from courses.scheduling.models import Registration, Session, SessionSeries
from courses.scheduling.requests.models import TrainingRequest
from lms.demo.management.commands.seed_demo import SEEDERS, DemoContext

pytestmark = pytest.mark.django_db


def seed():
    demo = DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    for module in (lms.demo.people, lms.demo.courses, lms.demo.scheduling, lms.demo.programme):
        module.seed(demo)
    return demo


def counts():
    return (
        SessionSeries.objects.count(),
        Session.objects.count(),
        Registration.objects.count(),
        ReadingCirclePage.objects.count(),
        TrainingRequest.objects.count(),
    )


def test_the_programme_demo_is_complete_and_idempotent(site_root, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo = seed()
    foundations = SessionSeries.objects.get(uid="demo-foundations-monthly@commonground")
    assert foundations.rrule == "FREQ=MONTHLY;BYDAY=2TU" and foundations.time_zone == "America/Denver"
    assert foundations.start_time.hour == 10 and foundations.end_time.hour == 12
    assert SessionSeries.objects.get(uid="demo-community-dialogue@commonground").is_public
    circle = ReadingCirclePage.objects.get()
    assert circle.series.uid == "demo-reading-circle-oluo@commonground" and circle.live and circle.cover
    assert 5 <= circle.series.capacity <= 15 and circle.series.required_attendances == 4
    assert len(circle.discussion_guide) == 6
    assert demo.users["facilitator"] in circle.series.facilitators.all()
    states = set(Registration.objects.filter(user=demo.users["employee"]).values_list("state", flat=True))
    assert states == {Registration.State.BOOKED, Registration.State.WAITLISTED}
    request = TrainingRequest.objects.get()
    assert request.requested_by == demo.users["head"] and request.status == TrainingRequest.Status.SUBMITTED
    assert mailoutbox == []
    before = counts()
    seed()
    assert counts() == before


def test_the_programme_runs_after_the_pages_and_sessions():
    assert SEEDERS.index(lms.demo.programme) > SEEDERS.index(lms.demo.cms)
    assert SEEDERS.index(lms.demo.programme) > SEEDERS.index(lms.demo.scheduling)
