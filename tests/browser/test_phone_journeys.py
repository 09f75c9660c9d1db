"""The employee's main path on a 390 px phone, in English and in Arabic (right to left): the course
page, enrolling and a module; finding a session and registering (its meeting link appears); checking
in from the QR code. At every step nothing scrolls sideways and no control is cut off."""

import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from courses.scheduling import services as scheduling
from courses.scheduling.models import Registration
from tests.browser.a11y import assert_accessible, cut_off, horizontal_overflow
from tests.cms import factories as cms
from tests.courses.factories import course_with_every_kind, learner
from tests.scheduling.factories import SessionFactory, registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
TITLE = "Foundations of Anti-Racism: History, Power and Everyday Practice in City Government"
ROOM = "Albuquerque Government Center, Conference Room 9081 (Basement Level, Marquette Avenue Entrance)"
LINK = "https://cityofalbuquerque.zoom.us/j/98765432109?pwd=Q2xvdWRzQW5kUmFpbkJvd3NBbmRTdW5zaGluZQ"


def follow(page, selector):
    """Click a link or button that loads another page, and wait for it."""
    with page.expect_navigation():
        page.click(selector)


def assert_fits(page):
    problems = horizontal_overflow(page) + [f"cut off: {element}" for element in cut_off(page)]
    assert not problems, f"{page.url}: " + "; ".join(problems)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_employee_learns_registers_and_checks_in_on_a_phone(browser, live_server, site_root, language):
    with translation.override("en"):
        course, modules = course_with_every_kind(live_session=True, title=TITLE, slug="foundations")
        cms.course_page(cms.course_index(site_root), course)
        user = learner(
            user__username="maxi",
            user__first_name="Maximiliana Guadalupe",
            user__last_name="Featherstonehaugh-Nguyễn",
            preferred_language=language,
        )
        upcoming = SessionFactory(course=course, room=ROOM, video_link=LINK)
        now = timezone.now()
        running = SessionFactory(
            course=course,
            room=ROOM,
            starts_at=now - datetime.timedelta(minutes=5),
            ends_at=now + datetime.timedelta(hours=1),
        )
        registration(running, user=user)

    context = browser.new_context(
        base_url=live_server.url, locale="ar" if language == "ar" else "en-US", viewport=PHONE
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("#id_username", "maxi")
        page.fill("#id_password", "commonground")
        follow(page, "main button[type=submit]")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")

        # The course: its public page, enrol, the first module.
        page.goto("/courses/foundations/")
        assert_fits(page)
        follow(page, "main form[action$='/enrol/'] button[type=submit]")
        expect(page).to_have_url(f"{live_server.url}/learn/foundations/")
        assert_fits(page)
        follow(page, f"main a[href$='/{modules['reading'].pk}/'].button")
        assert_fits(page)
        assert_accessible(page)
        follow(page, "main form button[type=submit]")
        expect(page).to_have_url(f"{live_server.url}/learn/foundations/{modules['video'].pk}/")

        # A session: the list with its filters, the session, register; the meeting link is shown.
        page.goto("/sessions/")
        assert_fits(page)
        assert_accessible(page)
        follow(page, f"main a[href='/sessions/{upcoming.pk}/']")
        assert_fits(page)
        follow(page, f"main form[action$='/sessions/{upcoming.pk}/register/'] button")
        expect(page.locator(f"main a[href='{LINK}']")).to_be_visible()
        assert_fits(page)
        assert_accessible(page)
        assert Registration.objects.get(session=upcoming, user=user).state == Registration.State.BOOKED

        # Check in from the QR code in the room.
        page.goto(f"/checkin/{scheduling.checkin_code(running)}/")
        assert_fits(page)
        follow(page, "main form button[type=submit]")
        expect(page.locator("#checkin-result")).to_be_visible()
        assert_fits(page)
        assert Registration.objects.get(session=running, user=user).state == Registration.State.ATTENDED

        # My learning: the sessions and the certificates table fit too.
        page.goto("/learn/")
        assert_fits(page)
    finally:
        context.close()
