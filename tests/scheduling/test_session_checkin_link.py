"""A booked person finds "Check in" on the session's page while it runs, and only then."""

import datetime

import pytest
from django.utils import timezone

from courses.scheduling.models import Registration
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
CHECK_IN = 'id="checkin-now"'


def running_session():
    now = timezone.now()
    return SessionFactory(starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=1))


def page(client, user, session) -> str:
    client.force_login(user)
    return client.get(f"/sessions/{session.pk}/").content.decode()


def test_a_booked_person_can_check_in_from_the_page_of_a_running_session(client):
    session = running_session()
    user = employee_user()
    registration(session, user=user)
    content = page(client, user, session)
    assert CHECK_IN in content
    assert 'href="/checkin/">Check in</a>' in content


def test_no_check_in_before_the_window_opens(client):
    session = SessionFactory()  # next week
    user = employee_user()
    registration(session, user=user)
    assert CHECK_IN not in page(client, user, session)


def test_no_check_in_for_someone_not_booked_or_already_checked_in(client):
    session = running_session()
    waiting, attended, stranger = employee_user(), employee_user(), employee_user()
    registration(session, user=waiting, state=Registration.State.WAITLISTED, waitlisted_at=timezone.now())
    registration(session, user=attended, state=Registration.State.ATTENDED)
    for user in (waiting, attended, stranger):
        assert CHECK_IN not in page(client, user, session)


def test_no_check_in_once_the_session_is_over(client):
    now = timezone.now()
    session = SessionFactory(starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=1))
    user = employee_user()
    registration(session, user=user)
    assert CHECK_IN not in page(client, user, session)
