"""The month calendar of sessions in a browser: from the list to the month, next and back, in English
and Arabic, on a desktop and on phones (a list by day, no sideways scroll); and the admin home's
"Today in training" panel. axe WCAG 2.2 AA on each."""

import datetime

import pytest
from django.utils import timezone

from courses.scheduling.views.month import add_months
from tests.browser.a11y import assert_accessible, horizontal_overflow, scroll_boxes_without_cue, small_targets
from tests.conftest import login
from tests.factories import CourseFactory, training_admin
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG_TITLE = "Foundations of Anti-Racism: History, Power and Everyday Practice in City Government"


def sessions_next_month():
    day = add_months(timezone.localdate().replace(day=1), 1).replace(day=15)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    SessionFactory(starts_at=start, course=CourseFactory(title=LONG_TITLE))
    SessionFactory(starts_at=start + datetime.timedelta(days=2), course=CourseFactory(title="Safe Zone"))
    return day


@pytest.mark.parametrize("language", ["en", "ar"])
def test_from_the_list_to_next_month_and_back(browser, live_server, language):
    day = sessions_next_month()
    employee_user(user__username="ana", preferred_language=language)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        login(page, "ana")
        page.goto("/sessions/")
        page.locator("a[href='/sessions/calendar/']").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator(".month-grid td[aria-current=date]").count() == 1
        assert page.locator(".month-grid thead th").count() == 7
        assert_accessible(page)
        assert not small_targets(page)
        page.locator("a[rel=next]").click()
        page.wait_for_load_state()
        assert f"month={day:%Y-%m}" in page.url
        grid = page.locator(".month-grid")
        assert grid.is_visible()
        assert grid.locator(f"a:has-text('{LONG_TITLE}')").is_visible()
        assert grid.locator("a:has-text('Safe Zone')").is_visible()
        assert_accessible(page)
        page.locator("a[rel=prev]").click()
        page.wait_for_load_state()
        assert page.locator(".month-grid td[aria-current=date]").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_the_month_is_a_list_by_day_without_sideways_scroll(browser, live_server, language, width):
    day = sessions_next_month()
    employee_user(user__username="ana", preferred_language=language)
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 700})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        login(page, "ana")
        page.goto(f"/sessions/calendar/?month={day:%Y-%m}")
        assert not page.locator(".month-grid").is_visible()
        assert page.locator(".month-days h3").count() == 2
        assert page.locator(f".month-days a:has-text('{LONG_TITLE}')").is_visible()
        assert horizontal_overflow(page) == [] and scroll_boxes_without_cue(page) == []
        assert_accessible(page)
        page.goto("/sessions/calendar/?month=0001-01")
        assert page.locator("[role=alert]").is_visible()
        assert horizontal_overflow(page) == []
    finally:
        context.close()


def test_a_training_admin_sees_today_in_training_on_the_admin_home(page):
    training_admin(username="boss")
    SessionFactory()
    login(page, "boss")
    page.goto("/admin/")
    panel = page.locator("#training-today-content")
    assert panel.is_visible()
    panel.locator("#today-requests a").click()
    page.wait_for_load_state()
    assert "/requests/?status=submitted" in page.url
    page.goto("/admin/")
    assert_accessible(page)
    assert not small_targets(page)
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/admin/")
    assert horizontal_overflow(page) == [] and scroll_boxes_without_cue(page) == []
