"""Nothing about a session someone may not see leaks through a clash message or an endpoint's answer."""

import datetime

import pytest
from django.utils import timezone

from courses.scheduling import services
from courses.scheduling.exceptions import FacilitatorDoubleBooked
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, facilitator, training_admin
from tests.scheduling.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def department_only():
    """A session for Police only, run by a facilitator who also works for other departments."""
    police = DepartmentFactory(name="Police")
    shared = facilitator(username="shared")
    # At 10:00 local time next week: a start late in the evening would make "an hour later" the next day.
    starts_at = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=7), datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    session = SessionFactory(
        course=CourseFactory(title="Internal affairs briefing"),
        facilitators=[shared],
        restricted_departments=[police],
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )
    return session, shared


def test_a_clash_with_a_session_the_scheduler_cannot_see_does_not_name_it(department_only):
    session, shared = department_only
    scheduler = facilitator(username="scheduler")
    EmployeeFactory(user=scheduler)  # in another department
    with pytest.raises(FacilitatorDoubleBooked) as caught:
        services.session_create(
            created_by=scheduler,
            course=CourseFactory(),
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            facilitators=[shared, scheduler],
            room="Room 1",
            capacity=10,
        )
    assert "Internal affairs" not in str(caught.value)
    assert "another session you cannot see" in str(caught.value)


def test_a_clash_with_a_visible_session_names_it(department_only):
    session, shared = department_only
    with pytest.raises(FacilitatorDoubleBooked) as caught:
        services.session_create(
            created_by=training_admin(),
            course=CourseFactory(),
            starts_at=session.starts_at + datetime.timedelta(minutes=30),
            ends_at=session.ends_at + datetime.timedelta(hours=1),
            facilitators=[shared],
            room="Room 1",
            capacity=10,
        )
    assert "Internal affairs briefing" in str(caught.value)


def test_the_series_preview_does_not_name_a_hidden_clash(client, department_only):
    session, shared = department_only
    scheduler = facilitator(username="scheduler")
    client.force_login(scheduler)
    local = timezone.localtime(session.starts_at)
    response = client.post(
        "/facilitate/series/preview/",
        {
            "course": str(CourseFactory().pk),
            "start_date": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "end_time": (local + datetime.timedelta(hours=1)).strftime("%H:%M"),
            "pattern": "weekly",
            "weekdays": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
            "interval": "1",
            "room": "Room",
            "capacity": "10",
            "facilitators": [str(shared.pk), str(scheduler.pk)],
            "time_zone": "America/Denver",
            "registration_cutoff_hours": "0",
            "language": "en",
        },
    )
    body = response.content.decode()
    assert "another session you cannot see" in body, body[:3000]
    assert "Internal affairs" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/sessions/series/{pk}.ics",
        "/facilitate/series/{pk}/",
        "/facilitate/series/{pk}/edit/",
    ],
)
def test_a_restricted_series_answers_like_a_missing_one(client, url):
    police = DepartmentFactory(name="Police")
    series = SeriesFactory()
    series.restricted_departments.set([police])
    outsider = facilitator(username="outsider")
    EmployeeFactory(user=outsider)
    client.force_login(outsider)
    restricted = client.get(url.format(pk=series.pk))
    missing = client.get(url.format(pk=series.pk + 1000))
    assert restricted.status_code == missing.status_code == 404


@pytest.mark.parametrize("action", ["register", "leave"])
def test_joining_or_leaving_a_restricted_series_answers_like_a_missing_one(client, action):
    police = DepartmentFactory(name="Police")
    series = SeriesFactory()
    series.restricted_departments.set([police])
    client.force_login(EmployeeFactory().user)
    restricted = client.post(f"/sessions/series/{series.pk}/{action}/")
    missing = client.post(f"/sessions/series/{series.pk + 1000}/{action}/")
    assert restricted.status_code == missing.status_code == 404


def test_a_facilitator_gets_404_for_another_departments_session_they_do_not_run(client, department_only):
    session, _shared = department_only
    outsider = facilitator(username="outsider")
    EmployeeFactory(user=outsider)
    client.force_login(outsider)
    for path in ("/facilitate/sessions/{pk}/", "/facilitate/sessions/{pk}/roster/"):
        assert client.get(path.format(pk=session.pk)).status_code == 404
        assert client.get(path.format(pk=session.pk + 1000)).status_code == 404
