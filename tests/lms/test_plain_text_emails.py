"""Plain-text e-mails are text: a name or title with an apostrophe, an ampersand or angle brackets
arrives as typed, not as HTML entities."""

import pytest
from django.template.loader import render_to_string

from courses.scheduling import services
from tests.factories import CourseFactory
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = pytest.mark.django_db
AWKWARD = "O'Brien & Co <x>"


def test_a_guest_confirmation_shows_names_and_titles_as_typed(django_capture_on_commit_callbacks, mailoutbox):
    session = SessionFactory(is_public=True, course=CourseFactory(title=AWKWARD), room=AWKWARD)
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_registration_create(session=session, name=AWKWARD, email="guest@example.org")
    (message,) = mailoutbox
    assert f"Hello {AWKWARD}," in message.body
    assert message.body.count(AWKWARD) >= 3  # name, title, room
    assert "&amp;" not in message.body and "&#x27;" not in message.body and "&lt;" not in message.body


def test_a_booking_e_mail_shows_the_title_as_typed(django_capture_on_commit_callbacks, mailoutbox):
    session = SessionFactory(course=CourseFactory(title=AWKWARD))
    user = employee_user(user__first_name="Siobhan", user__last_name=AWKWARD)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=user)
    (message,) = mailoutbox
    assert AWKWARD in message.body and "&amp;" not in message.body


def test_the_text_engine_does_not_escape_but_pages_still_do():
    context = {"session": {"display_title": AWKWARD}, "starts_at": None, "ends_at": None, "url": ""}
    assert AWKWARD in render_to_string("scheduling/email/_details.txt", context, using="text")
    assert AWKWARD not in render_to_string("scheduling/email/_details.txt", context)
