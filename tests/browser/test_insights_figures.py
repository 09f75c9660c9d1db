"""The /insights/ figure pages in a real browser, in English and in Arabic (right to left): the walk's
insights visits (axe, target sizes, no sideways scroll at 320 px) and the keyboard journey of a
department head: the header link, the insights navigation to Trends, the department chooser and the
CSV download."""

import pytest

from courses.insights.models import InsightsAccess
from tests.browser.a11y import REFLOW_WIDTH, assert_accessible, horizontal_overflow
from tests.browser.test_a11y_journeys import tab_to
from tests.browser.test_a11y_pages import DEPARTMENT_HEAD, INSIGHTS_PAGES, build_site, check_pages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def new_context(browser, live_server, language, **kwargs):
    context = browser.new_context(base_url=live_server.url, locale="ar" if language == "ar" else "en-US", **kwargs)
    context.set_default_timeout(15_000)
    return context


def keyboard_journey(page, site, language):
    log_in(page, site.users[DEPARTMENT_HEAD])
    page.goto("/learn/")
    tab_to(page, "a[href='/insights/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/insights/")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator(".insights-nav [aria-current=page]").get_attribute("href").startswith("/insights/?")
    assert_accessible(page)

    # Through the insights navigation to Trends.
    tab_to(page, ".insights-nav a[href^='/insights/trends/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/insights/trends/**")
    assert page.locator(".insights-nav a[aria-current=page]").get_attribute("href").startswith("/insights/trends/")
    page.wait_for_selector(".line-chart svg")
    assert_accessible(page)

    # The department chooser: open it with the keyboard and pick Trails.
    tab_to(page, "details.department-choice > summary")
    page.keyboard.press("Enter")
    page.wait_for_selector("details.department-choice[open]")
    assert_accessible(page)
    tab_to(page, f"details.department-choice a[href$='department={site.trails.pk}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**department={site.trails.pk}")
    assert page.locator("main h2").first.inner_text() == site.trails.name
    assert_accessible(page)

    # The CSV of the table shown, for the department chosen; the download is audited.
    tab_to(page, "main a[href^='/insights/trends.csv']")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(f"department={site.trails.pk}")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    assert InsightsAccess.objects.filter(
        username=site.users[DEPARTMENT_HEAD], format=InsightsAccess.Format.CSV, scope=f"department {site.trails.pk}"
    ).exists()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_insights_figure_pages_with_the_keyboard_axe_and_on_a_phone(browser, live_server, site_root, language):
    site = build_site(site_root, language)

    problems = check_pages(browser, live_server, site, language, INSIGHTS_PAGES)

    context = new_context(browser, live_server, language, viewport={"width": REFLOW_WIDTH, "height": 640})
    page = context.new_page()
    try:
        for role in dict.fromkeys(visit.role for visit in INSIGHTS_PAGES):
            context.clear_cookies()
            log_in(page, site.users[role])
            for visit in (v for v in INSIGHTS_PAGES if v.role == role):
                page.goto(visit.url(site))
                if visit.act is not None:
                    visit.act(page, site)
                problems += [f"{visit.name} at {REFLOW_WIDTH} px: {p}" for p in horizontal_overflow(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)

    context = new_context(browser, live_server, language)
    try:
        keyboard_journey(context.new_page(), site, language)
    finally:
        context.close()
