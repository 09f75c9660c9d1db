"""Self-identification and /insights/ in a real browser: the keyboard journey of answering and
withdrawing, in English and in Arabic, with axe on each state."""

import pytest

from courses.insights.models import SelfIdentification
from tests.browser.a11y import assert_accessible
from tests.browser.test_a11y_journeys import log_in_with_the_keyboard, skip_to_main, tab_to
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_answering_and_withdrawing_with_the_keyboard(browser, live_server, language):
    person = EmployeeFactory(user__username="selfid", preferred_language=language)
    context = browser.new_context(base_url=live_server.url, locale="ar" if language == "ar" else "en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in_with_the_keyboard(page, "selfid")
        tab_to(page, "a[href='/self-identification/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/self-identification/")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
        assert_accessible(page)

        skip_to_main(page)
        tab_to(page, "#q-race_ethnicity-hispanic")
        page.keyboard.press("Space")
        tab_to(page, "#q-race_ethnicity-mexican")
        page.keyboard.press("Space")
        tab_to(page, "#consent")
        page.keyboard.press("Space")
        tab_to(page, "main form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_selector(".messages, [role=status], main")
        assert set(SelfIdentification.objects.get(user=person.user).answers.values_list("group", flat=True)) == {
            "hispanic"
        }
        assert page.locator("#q-race_ethnicity-mexican").is_checked()
        assert_accessible(page)

        tab_to(page, "a[href='/self-identification/withdraw/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/withdraw/")
        assert_accessible(page)
        tab_to(page, "main form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert not SelfIdentification.objects.exists()
    finally:
        context.close()
