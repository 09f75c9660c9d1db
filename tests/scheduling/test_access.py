"""Who sees and joins which session; the /sessions/ pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.scheduling import services
from courses.scheduling.exceptions import NotAllowed
from courses.scheduling.models import Registration
from tests.factories import DepartmentFactory, EmployeeFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db


def listed(page: str, session) -> bool:
    return f'href="{reverse("scheduling:detail", args=[session.pk])}"' in page


@pytest.fixture
def tree():
    city = DepartmentFactory(name="City")
    planning = DepartmentFactory(name="Planning", parent=city)
    zoning = DepartmentFactory(name="Zoning", parent=planning)
    health = DepartmentFactory(name="Environmental Health", parent=city)
    return {"city": city, "planning": planning, "zoning": zoning, "health": health}


def test_a_restricted_session_is_hidden_from_employees_outside_the_subtree(client, tree):
    session = SessionFactory(restricted_departments=[tree["planning"]])
    outsider = EmployeeFactory(department=tree["health"]).user
    client.force_login(outsider)
    assert not listed(client.get(reverse("scheduling:list")).content.decode(), session)
    assert client.get(reverse("scheduling:detail", args=[session.pk])).status_code == 404
    assert client.get(reverse("scheduling:ics", args=[session.pk])).status_code == 404
    assert client.post(reverse("scheduling:register", args=[session.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        services.registration_create(session=session, user=outsider)
    assert not session.registrations.exists()


def test_employees_below_a_restricted_department_see_and_join_it(client, tree):
    session = SessionFactory(restricted_departments=[tree["planning"]])
    insider = EmployeeFactory(department=tree["zoning"]).user
    client.force_login(insider)
    assert listed(client.get(reverse("scheduling:list")).content.decode(), session)
    response = client.post(reverse("scheduling:register", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert session.registrations.get().user == insider


def test_an_unrestricted_session_is_open_to_every_employee_but_not_to_anonymous_visitors(client):
    session = SessionFactory()
    response = client.get(reverse("scheduling:detail", args=[session.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    missing = client.get(reverse("scheduling:detail", args=[session.pk + 1000]))
    assert missing.status_code == 302 and missing["Location"].startswith(reverse("login"))
    client.force_login(employee_user())
    assert client.get(reverse("scheduling:detail", args=[session.pk])).status_code == 200


def test_a_user_without_an_employee_profile_cannot_register_for_an_employee_session():
    from tests.factories import UserFactory

    with pytest.raises(NotAllowed):
        services.registration_create(session=SessionFactory(), user=UserFactory())


def test_training_admins_and_the_sessions_facilitators_see_restricted_sessions(client, tree):
    runner = facilitator()
    session = SessionFactory(restricted_departments=[tree["planning"]], facilitators=[runner])
    for person in (runner, training_admin()):
        client.force_login(person)
        assert client.get(reverse("scheduling:detail", args=[session.pk])).status_code == 200


def test_list_shows_upcoming_joinable_sessions_with_filters(client):
    user = employee_user()
    spanish = SessionFactory(language="es", video_link="https://meet.example/x", room="")
    english = SessionFactory(language="en")
    past_start = timezone.now() - datetime.timedelta(days=1)
    past = SessionFactory(starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=1))
    closing = timezone.now() + datetime.timedelta(hours=1)
    closed = SessionFactory(starts_at=closing, ends_at=closing + datetime.timedelta(hours=1))
    client.force_login(user)

    page = client.get(reverse("scheduling:list")).content.decode()
    assert listed(page, spanish) and listed(page, english)
    assert not listed(page, past) and not listed(page, closed)

    page = client.get(reverse("scheduling:list"), {"language": "es"}).content.decode()
    assert listed(page, spanish) and not listed(page, english)
    page = client.get(reverse("scheduling:list"), {"format": "in_person"}).content.decode()
    assert listed(page, english) and not listed(page, spanish)
    page = client.get(reverse("scheduling:list"), {"course": english.course.slug}).content.decode()
    assert listed(page, english) and not listed(page, spanish)


def test_list_filters_by_month_in_the_viewers_time_zone(client):
    user = employee_user()
    soon = SessionFactory()
    later_start = soon.starts_at + datetime.timedelta(days=62)
    later = SessionFactory(starts_at=later_start, ends_at=later_start + datetime.timedelta(hours=2))
    client.force_login(user)
    month = timezone.localtime(later.starts_at).strftime("%Y-%m")
    page = client.get(reverse("scheduling:list"), {"month": month}).content.decode()
    assert listed(page, later) and not listed(page, soon)


def test_the_list_has_an_empty_state(client):
    client.force_login(employee_user())
    assert "no upcoming sessions" in client.get(reverse("scheduling:list")).content.decode()


def test_the_list_is_paginated(client):
    client.force_login(employee_user())
    for _ in range(21):
        SessionFactory()
    first = client.get(reverse("scheduling:list")).content.decode()
    assert "Page 1 of 2" in first
    assert client.get(reverse("scheduling:list"), {"page": 2}).status_code == 200


def test_the_detail_page_shows_seats_left_and_lets_me_register_and_cancel(client):
    user = employee_user()
    session = SessionFactory(capacity=3)
    registration(session)
    client.force_login(user)
    page = client.get(reverse("scheduling:detail", args=[session.pk])).content.decode()
    assert "2 seats left" in page

    client.post(reverse("scheduling:register", args=[session.pk]))
    row = session.registrations.get(user=user)
    assert row.state == Registration.State.BOOKED

    confirm = client.get(reverse("scheduling:cancel", args=[session.pk]))
    assert "Yes, cancel my registration" in confirm.content.decode()
    row.refresh_from_db()
    assert row.state == Registration.State.BOOKED
    client.post(reverse("scheduling:cancel", args=[session.pk]))
    row.refresh_from_db()
    assert row.state == Registration.State.CANCELLED


def test_a_refused_registration_is_shown_as_a_message(client):
    start = timezone.now() + datetime.timedelta(minutes=30)
    session = SessionFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    client.force_login(employee_user())
    response = client.post(reverse("scheduling:register", args=[session.pk]), follow=True)
    assert "Registration for this session has closed." in response.content.decode()
    assert not session.registrations.exists()


def test_the_list_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    user = employee_user()
    client.force_login(user)
    for _ in range(3):
        registration(SessionFactory(), user)
    client.get(reverse("scheduling:list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("scheduling:list"))
    for _ in range(15):
        registration(SessionFactory(), user)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("scheduling:list"))
    assert len(many) == len(few)
