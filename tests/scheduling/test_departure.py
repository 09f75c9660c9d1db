"""Deactivating an employee ends their calendar feed and their places in sessions to come; each
facilitator of those sessions is told."""

import datetime

import pytest
from django.utils import timezone

from courses.people.services import employee_update
from courses.scheduling import services
from courses.scheduling.models import Registration
from tests.factories import EmployeeFactory, facilitator
from tests.scheduling.factories import SessionFactory, registration

pytestmark = pytest.mark.django_db
State = Registration.State


def deactivate(employee, django_capture_on_commit_callbacks):
    # The receiver queues the departure after commit; its own commit then queues the e-mails: the
    # capture runs callbacks added while running callbacks too.
    with django_capture_on_commit_callbacks(execute=True):
        employee_update(employee=employee, active=False)


def test_deactivation_revokes_the_calendar_feed(client, django_capture_on_commit_callbacks):
    employee = EmployeeFactory()
    token = services.calendar_token_regenerate(user=employee.user)
    assert client.get(f"/calendar/{token.token}.ics").status_code == 200
    deactivate(employee, django_capture_on_commit_callbacks)
    assert client.get(f"/calendar/{token.token}.ics").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_deactivated_employees_feed_stops_even_before_the_revocation_runs(client):
    employee = EmployeeFactory()
    token = services.calendar_token_regenerate(user=employee.user)
    type(employee).objects.filter(pk=employee.pk).update(active=False)
    assert client.get(f"/calendar/{token.token}.ics").status_code == 404


def test_deactivation_gives_up_future_places_and_tells_the_facilitator(django_capture_on_commit_callbacks, mailoutbox):
    runner = facilitator(email="runner@city.example")
    employee = EmployeeFactory(user__first_name="Lan", user__last_name="Pham")
    future = SessionFactory(capacity=1, facilitators=[runner])
    mine = registration(future, user=employee.user)
    waiting = registration(future, user=EmployeeFactory().user, state=State.WAITLISTED)
    past = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
        facilitators=[runner],
    )
    attended = registration(past, user=employee.user, state=State.ATTENDED)
    mailoutbox.clear()
    deactivate(employee, django_capture_on_commit_callbacks)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    attended.refresh_from_db()
    assert mine.state == State.CANCELLED
    assert waiting.state == State.BOOKED  # the freed seat went to the waitlist
    assert attended.state == State.ATTENDED  # history is kept
    to_runner = [message for message in mailoutbox if message.to == ["runner@city.example"]]
    assert len(to_runner) == 1
    assert "Lan Pham" in to_runner[0].subject and future.display_title in to_runner[0].body


def test_walk_ins_refuse_a_deactivated_employee(client):
    runner = facilitator()
    session = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
        facilitators=[runner],
    )
    former = EmployeeFactory(active=False)
    client.force_login(runner)
    client.post(f"/facilitate/sessions/{session.pk}/roster/walk-in/", {"employee": str(former.pk)})
    assert not session.registrations.filter(user=former.user).exists()
    client.post(f"/facilitate/sessions/{session.pk}/roster/walk-in/", {"employee": "abc"})
    assert not session.registrations.exists()
