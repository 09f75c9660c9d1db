"""An employee asks for an accommodation while registering, on a 390 px phone; the session's
facilitator finds it on the roster; a training admin who does not facilitate does not."""

import pytest

from courses.scheduling.models import Accommodation, Registration
from tests.browser.a11y import assert_accessible, horizontal_overflow, small_targets
from tests.conftest import login
from tests.factories import CourseFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
NEED = "A seat near the door, please: I use a cane and leave early for my medication."


def test_register_with_an_accommodation_and_the_facilitator_sees_it_on_the_roster(browser, live_server):
    runner = facilitator(username="runner")
    training_admin(username="trainingadmin")
    session = SessionFactory(course=CourseFactory(title="Understanding implicit bias"), facilitators=[runner])
    ana = employee_user(user__username="ana", user__first_name="Ana", user__last_name="Ruiz")

    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 390, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        login(page, "ana")
        page.goto(f"/sessions/{session.pk}/")
        page.get_by_text("Do you need an accommodation? (optional)").click()
        # An interpreter without a language: a clear error, nobody registered.
        page.get_by_label("An interpreter").check()
        page.get_by_role("button", name="Register").click()
        assert page.get_by_role("alert").get_by_text("Say which language the interpreter should use.").is_visible()
        assert not Registration.objects.filter(session=session).exists()
        assert_accessible(page)
        assert horizontal_overflow(page) == []

        page.get_by_label("Interpreting language").fill("American Sign Language")
        page.get_by_label("Wheelchair access").check()
        page.get_by_label("Something else").fill(NEED)
        assert small_targets(page) == []
        page.get_by_role("button", name="Register").click()
        assert page.get_by_text("You are booked.").first.is_visible()
        request = Accommodation.objects.get(registration__user=ana)
        assert (request.interpreter_language, request.wheelchair, request.other) == (
            "American Sign Language",
            True,
            NEED,
        )
        mine = page.locator(".accommodation-mine")
        assert mine.get_by_text("Interpreter: American Sign Language").is_visible()
        assert horizontal_overflow(page) == []
        assert_accessible(page)

        # She takes back the wheelchair request from the same page.
        page.get_by_text("Change my accommodation request").click()
        page.get_by_label("Wheelchair access").uncheck()
        page.get_by_role("button", name="Save my accommodation request").click()
        assert page.get_by_text("Your accommodation request is saved.").is_visible()
        assert not Accommodation.objects.get(registration__user=ana).wheelchair

        context.clear_cookies()
        login(page, "runner")
        page.goto(f"/facilitate/sessions/{session.pk}/roster/")
        row = page.locator("tr", has_text="Ana Ruiz")
        assert row.get_by_text("Interpreter: American Sign Language").is_visible()
        assert row.get_by_text(NEED).is_visible()
        assert page.get_by_text("1 person asked for an accommodation.").is_visible()
        assert horizontal_overflow(page) == []
        assert_accessible(page)

        context.clear_cookies()
        login(page, "trainingadmin")
        page.goto(f"/facilitate/sessions/{session.pk}/roster/")
        assert page.locator("tr", has_text="Ana Ruiz").is_visible()
        assert page.get_by_text(NEED).count() == 0
        assert page.get_by_text("American Sign Language").count() == 0
    finally:
        context.close()
