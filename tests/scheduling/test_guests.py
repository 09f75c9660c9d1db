"""Community dialogues: people without an account register with their e-mail address."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.scheduling import services
from courses.scheduling.exceptions import InvalidToken, NotAllowed
from courses.scheduling.models import Registration
from tests.scheduling.factories import SessionFactory

pytestmark = pytest.mark.django_db
State = Registration.State


def test_a_visitor_sees_a_public_session_and_gets_a_confirmation_link(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory(is_public=True)
    users = get_user_model().objects.count()
    page = client.get(reverse("scheduling:detail", args=[session.pk]))
    assert page.status_code == 200 and "Your e-mail address" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("scheduling:guest_register", args=[session.pk]), {"name": "Rosa Parks", "email": "Rosa@Example.org"}
        )

    row = session.registrations.get()
    assert (row.state, row.guest_email, row.user) == (State.PENDING, "rosa@example.org", None)
    assert get_user_model().objects.count() == users
    (message,) = mailoutbox
    confirm_path = reverse("scheduling:guest_confirm", args=[row.confirmation_token])
    assert confirm_path in message.body

    # Opening the link changes nothing (mail scanners open links); the button confirms.
    client.get(confirm_path)
    row.refresh_from_db()
    assert row.state == State.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path, {"action": "confirm"})
    row.refresh_from_db()
    assert row.state == State.BOOKED and row.confirmed_at is not None
    assert "text/calendar" in mailoutbox[-1].alternatives[0][1]


def test_unconfirmed_guests_hold_no_seat():
    session = SessionFactory(is_public=True, capacity=1)
    services.guest_registration_create(session=session, name="A", email="a@example.org")
    second = services.guest_registration_create(session=session, name="B", email="b@example.org")
    assert services.guest_registration_confirm(token=second.confirmation_token).state == State.BOOKED


def test_confirming_twice_changes_nothing():
    session = SessionFactory(is_public=True)
    row = services.guest_registration_create(session=session, name="A", email="a@example.org")
    first = services.guest_registration_confirm(token=row.confirmation_token)
    again = services.guest_registration_confirm(token=row.confirmation_token)
    assert first.state == again.state == State.BOOKED
    assert first.confirmed_at == again.confirmed_at


def test_a_guest_cancels_through_their_link_and_the_waitlist_moves_up():
    session = SessionFactory(is_public=True, capacity=1)
    a = services.guest_registration_create(session=session, name="A", email="a@example.org")
    b = services.guest_registration_create(session=session, name="B", email="b@example.org")
    services.guest_registration_confirm(token=a.confirmation_token)
    assert services.guest_registration_confirm(token=b.confirmation_token).state == State.WAITLISTED
    services.guest_registration_cancel(token=a.confirmation_token)
    b.refresh_from_db()
    assert b.state == State.BOOKED


def test_guests_cannot_register_for_an_employee_session(client):
    session = SessionFactory(is_public=False)
    with pytest.raises(NotAllowed):
        services.guest_registration_create(session=session, name="A", email="a@example.org")
    assert (
        client.post(
            reverse("scheduling:guest_register", args=[session.pk]), {"name": "A", "email": "a@example.org"}
        ).status_code
        == 404
    )


def test_a_bad_guest_form_shows_errors_and_saves_nothing(client):
    session = SessionFactory(is_public=True)
    response = client.post(reverse("scheduling:guest_register", args=[session.pk]), {"name": "", "email": "nope"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not session.registrations.exists()


def test_an_unknown_confirmation_link_gets_a_clear_404(client):
    response = client.get(reverse("scheduling:guest_confirm", args=["nope"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    with pytest.raises(InvalidToken):
        services.guest_registration_confirm(token="nope")
