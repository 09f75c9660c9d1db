"""The public guest form cannot be used to flood inboxes, to fill rosters with strangers, or to learn
who is coming."""

import pytest
from django.urls import reverse

from courses.scheduling import services
from courses.scheduling.models import Registration
from tests.factories import facilitator
from tests.scheduling.factories import SessionFactory

pytestmark = pytest.mark.django_db
State = Registration.State


def sign_up(client, session, email, ip="203.0.113.5"):
    return client.post(
        reverse("scheduling:guest_register", args=[session.pk]),
        {"name": "Rosa Parks", "email": email},
        REMOTE_ADDR=ip,
        follow=True,
    )


def test_the_answer_is_the_same_whether_or_not_the_address_is_registered(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory(is_public=True)
    known = services.guest_registration_create(session=session, name="Rosa", email="rosa@example.org")
    services.guest_registration_confirm(token=known.confirmation_token)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for_known = sign_up(client, session, "rosa@example.org", ip="203.0.113.1")
    with django_capture_on_commit_callbacks(execute=True):
        for_new = sign_up(client, session, "new@example.org", ip="203.0.113.2")
    assert for_known.status_code == for_new.status_code == 200
    message = "We have sent a message to"
    assert message in for_known.content.decode() and message in for_new.content.decode()
    assert "already" not in for_known.content.decode().lower()
    # The e-mails tell each person the truth.
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert by_address["rosa@example.org"].subject.startswith("You already have a place")
    assert "nothing more to do" in by_address["rosa@example.org"].body
    assert by_address["new@example.org"].subject.startswith("Please confirm your place")


def test_unconfirmed_guests_are_not_on_the_roster_but_counted(client):
    runner = facilitator()
    session = SessionFactory(is_public=True, facilitators=[runner])
    services.guest_registration_create(session=session, name="Unconfirmed Stranger", email="x@example.org")
    confirmed = services.guest_registration_create(session=session, name="Confirmed Guest", email="y@example.org")
    services.guest_registration_confirm(token=confirmed.confirmation_token)
    client.force_login(runner)
    page = client.get(reverse("scheduling:roster", args=[session.pk])).content.decode()
    assert "Confirmed Guest" in page
    assert "Unconfirmed Stranger" not in page
    assert "Guests who have not yet confirmed their e-mail address: 1." in page


def test_guest_sign_up_is_limited_per_client(client, settings, mailoutbox):
    settings.GUEST_SIGNUP_RATE = "3/h"
    session = SessionFactory(is_public=True)
    for number in range(3):
        assert sign_up(client, session, f"p{number}@example.org").status_code == 200
    assert sign_up(client, session, "p9@example.org").status_code == 429
    assert sign_up(client, session, "p9@example.org", ip="198.51.100.7").status_code == 200
    assert session.registrations.count() == 4


def test_guest_sign_up_is_limited_per_session(client, settings):
    settings.GUEST_SIGNUP_SESSION_RATE = "3/h"
    session, other = SessionFactory(is_public=True), SessionFactory(is_public=True)
    for number in range(3):
        assert sign_up(client, session, f"p{number}@example.org", ip=f"203.0.113.{number}").status_code == 200
    assert sign_up(client, session, "p9@example.org", ip="203.0.113.50").status_code == 429
    assert sign_up(client, other, "p9@example.org", ip="203.0.113.50").status_code == 200
