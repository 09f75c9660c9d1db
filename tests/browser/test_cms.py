import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from playwright.sync_api import expect

import lms.demo.cms
import lms.demo.courses
from lms.demo.management.commands.seed_demo import DemoContext
from tests.browser.a11y import assert_accessible

# serialized_rollback: keep what migrations created (root page, locale, collection) across flushes.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site():
    demo = DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    lms.demo.courses.seed(demo)
    lms.demo.cms.seed(demo)
    return demo


def test_a_visitor_browses_home_courses_and_the_resource_hub_accessibly(page, demo_site):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Common Ground")
    assert_accessible(page)

    page.get_by_role("link", name="Browse courses").click()
    page.get_by_label("Format").select_option("workshop")
    page.get_by_role("button", name="Show courses").click()
    expect(page.get_by_role("link", name="Advancing Racial Equity in City Government")).to_be_visible()
    expect(page.get_by_role("link", name="Understanding Implicit Bias")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Advancing Racial Equity in City Government").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Advancing Racial Equity in City Government")
    expect(page.get_by_role("link", name="Log in to enrol")).to_be_visible()
    assert_accessible(page)

    page.goto("/")
    page.get_by_label("Search guides, toolkits and glossaries").fill("interpreter")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Language access toolkit")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Language access toolkit").click()
    expect(page.get_by_role("heading", name="Downloads")).to_be_visible()
    expect(page.get_by_role("link", name="Telephone interpreting: quick guide for staff (TXT")).to_be_visible()
    assert_accessible(page)


def test_an_empty_search_in_the_hub_is_accessible_and_offers_a_way_back(page, demo_site):
    page.goto("/resources/?q=zebra-crossing")

    expect(page.get_by_text("Nothing in the hub matches that yet")).to_be_visible()
    page.get_by_role("link", name="browse every resource").click()
    expect(page.get_by_role("heading", name="10 resources")).to_be_visible()
    assert_accessible(page)
