"""An employee's whole journey in a real browser: course page, enrol, every module kind, completion."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.conftest import login
from tests.courses.factories import course_with_every_kind
from tests.factories import EmployeeFactory, LiveSessionModuleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course_page(site_root, live_server):
    from cms.models import CourseIndexPage, CoursePage

    course, modules = course_with_every_kind(slug="foundations", title="Foundations of Anti-Racism")
    video = modules["video"]
    video.video_url = f"{live_server.url}/media/videos/foundations.mp4"  # stays on this machine
    video.save()
    LiveSessionModuleFactory(course=course, position=9, required=False, description="Meet your cohort.")
    index = site_root.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    page = index.add_child(instance=CoursePage(title="Foundations of Anti-Racism", slug="foundations", course=course))
    return page, course, modules


def test_an_employee_enrols_completes_every_module_and_sees_the_course_complete(page, course_page):
    _cms_page, course, modules = course_page
    EmployeeFactory(user__username="employee")
    login(page, "employee")

    # The public course page, then enrol.
    page.goto("/courses/foundations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Foundations of Anti-Racism")
    assert_accessible(page)
    page.get_by_role("button", name="Enrol").click()
    expect(page).to_have_url(re.compile(r"/learn/foundations/$"))
    expect(page.get_by_text("You are enrolled in Foundations of Anti-Racism.")).to_be_visible()
    assert_accessible(page)

    page.goto("/learn/")
    expect(page.get_by_text("0% complete (0 of 4 modules)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start the course").click()
    page.get_by_role("link", name="Start the course").click()

    # Reading.
    expect(page.get_by_text("Module 1 of 5")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I have read this").click()

    # Video: captions track and a visible transcript.
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
    expect(page.locator('video track[kind="captions"]')).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("button", name="Mark as watched").click()

    # Quiz: nothing chosen, then wrong answers, then right ones.
    expect(page.get_by_text("Module 3 of 5")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("alert")).to_contain_text("2 questions need your attention")
    assert_accessible(page)
    for fieldset in page.locator("fieldset.question").all():
        fieldset.get_by_label("Wrong").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("You scored 0%.")).to_be_visible()
    expect(page.get_by_text("Not passed yet")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Try again").click()
    for fieldset in page.locator("fieldset.question").all():
        fieldset.get_by_label("Right").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("You scored 100%.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Continue to the next module").click()

    # Reflection: save a draft, then submit.
    expect(page.get_by_text("Module 4 of 5")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your reflection").fill("Our forms were English-only.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved")).to_be_visible()
    expect(page.get_by_label("Your reflection")).to_have_value("Our forms were English-only.")
    page.get_by_label("Your reflection").fill("Our forms were English-only, so families who speak Vietnamese waited.")
    page.get_by_role("button", name="Submit", exact=True).click()

    # Completion.
    expect(page.get_by_role("heading", name="Congratulations!")).to_be_visible()
    assert_accessible(page)

    # The optional live session explains how it is completed.
    page.goto(f"/learn/foundations/{course.modules.get(position=9).pk}/")
    expect(page.get_by_text("completed by attending 1 live session")).to_be_visible()
    assert_accessible(page)

    page.goto("/learn/")
    completed = page.locator("section", has=page.get_by_role("heading", name="Completed courses"))
    expect(completed.get_by_role("link", name="Foundations of Anti-Racism")).to_be_visible()
    expect(completed.get_by_text("✓ Completed")).to_be_visible()
    assert_accessible(page)
