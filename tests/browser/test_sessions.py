"""An employee registers from the session page; the last seat goes, the next person is waitlisted,
a cancellation promotes them. With accessibility checks of /sessions/ and a session page."""

import pytest

from courses.scheduling.models import Registration
from tests.browser.a11y import assert_accessible
from tests.conftest import login
from tests.factories import CourseFactory
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
State = Registration.State


def test_last_seat_waitlist_and_promotion_in_the_browser(page):
    session = SessionFactory(capacity=1, course=CourseFactory(title="Understanding implicit bias"))
    ana = employee_user(user__username="ana")
    ben = employee_user(user__username="ben")

    login(page, "ana")
    page.goto("/sessions/")
    assert_accessible(page)
    page.get_by_role("link", name="Understanding implicit bias").click()
    assert page.get_by_text("1 seat left").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Register").click()
    assert page.get_by_text("You are booked.").first.is_visible()
    assert Registration.objects.get(user=ana).state == State.BOOKED

    page.context.clear_cookies()
    login(page, "ben")
    page.goto(f"/sessions/{session.pk}/")
    assert page.get_by_text("This session is full.").is_visible()
    page.get_by_role("button", name="Join the waitlist").click()
    assert page.get_by_text("You are number 1 on the waitlist").is_visible()
    assert Registration.objects.get(user=ben).state == State.WAITLISTED

    page.context.clear_cookies()
    login(page, "ana")
    page.goto(f"/sessions/{session.pk}/")
    page.get_by_role("link", name="Cancel my registration").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel my registration").click()
    assert page.get_by_text("Your registration is cancelled.").is_visible()

    assert Registration.objects.get(user=ben).state == State.BOOKED
    page.context.clear_cookies()
    login(page, "ben")
    page.goto(f"/sessions/{session.pk}/")
    assert page.get_by_text("You are booked for this session.").is_visible()
