"""The learning path in a real browser, on a 390 px phone in English and Arabic: an assigned employee
sees "required for you, due …" in the catalogue and on the course, finds the final check locked
until the modules before it are done (also when opening it by its address); a training admin
searches and pages the people a curriculum will assign before saving it."""

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from courses.catalogue.models import QuizModule
from courses.curricula.models import Curriculum
from courses.curricula.services import assignments_reconcile
from tests.browser.a11y import assert_accessible, cut_off, horizontal_overflow
from tests.cms import factories as cms
from tests.conftest import login
from tests.courses.factories import learner
from tests.curricula.factories import CurriculumFactory
from tests.factories import (
    CourseFactory,
    DepartmentFactory,
    EmployeeFactory,
    ReadingModuleFactory,
    quiz_with_questions,
    training_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def follow(page, selector):
    with page.expect_navigation():
        page.click(selector)


def assert_fits(page):
    problems = horizontal_overflow(page) + [f"cut off: {element}" for element in cut_off(page)]
    assert not problems, f"{page.url}: " + "; ".join(problems)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_assigned_employee_sees_the_course_required_and_takes_its_modules_in_order(
    browser, live_server, site_root, language
):
    with translation.override("en"):
        course = CourseFactory(
            title="Foundations of Anti-Racism: History, Power and Everyday Practice in City Government",
            slug="foundations",
        )
        first = ReadingModuleFactory(course=course, position=1, title="Why equity, why now")
        final = quiz_with_questions(course, questions=1, position=2, quiz_kind=QuizModule.Kind.POST_TEST)
        cms.course_page(cms.course_index(site_root), course)
        user = learner(user__username="maxi", preferred_language=language)
        CurriculumFactory(courses=[course], due_days=30)
        assignments_reconcile()  # assigns and enrols her
    assignment = user.curriculum_assignments.get()
    with translation.override(language):
        due = formats.date_format(assignment.due_on, "DATE_FORMAT")

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

        # The catalogue and the course page say the course is required, and by when.
        page.goto("/courses/")
        expect(page.locator("main .required-for-you")).to_contain_text(due)
        assert_fits(page)
        page.goto("/courses/foundations/")
        expect(page.locator("main .required-for-you")).to_contain_text(due)
        assert_fits(page)

        # Already enrolled by the assignment: the overview shows the final check locked, with why.
        page.goto("/learn/foundations/")
        expect(page.locator("main .required-for-you")).to_contain_text(due)
        expect(page.locator("main .module-locked")).to_contain_text(first.title)
        expect(page.locator(f"main a[href='/learn/foundations/{final.pk}/']")).to_have_count(0)
        assert_fits(page)
        assert_accessible(page)

        # Its address leads to the module before it, with a message.
        page.goto(f"/learn/foundations/{final.pk}/")
        expect(page).to_have_url(f"{live_server.url}/learn/foundations/{first.pk}/")
        expect(page.locator("main")).to_contain_text(first.title)
        assert_fits(page)

        # Done with the reading, the final check opens.
        follow(page, "main form button[type=submit]")
        expect(page).to_have_url(f"{live_server.url}/learn/foundations/{final.pk}/")
        page.goto("/learn/foundations/")
        expect(page.locator("main .module-locked")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_training_admin_searches_and_pages_who_a_curriculum_will_assign(page, live_server, language):
    admin = training_admin(username="trainer")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    CourseFactory(title="Foundations of Anti-Racism", slug="foundations-of-anti-racism")
    parks = DepartmentFactory(name="Parks and Recreation")
    for number in range(55):
        EmployeeFactory(
            department=parks,
            employee_number=f"E-{number:03}",
            user__last_name=f"Person {number:03}",
            job_title="Ranger",
        )
    EmployeeFactory(
        department=parks,
        employee_number="E-9001",
        user__first_name="Amara",
        user__last_name="Okafor",
        job_title="Clerk",
    )
    login(page, "trainer")
    page.goto("/admin/curricula/new/")
    page.fill("#id_name", "Anti-Racism Foundations")
    page.fill("#id_slug", "anti-racism-foundations")
    page.check("input[name=courses]")
    page.click("button[name=action][value=preview]")

    people = page.locator("#preview-people")
    people.wait_for()
    expect(people.locator("tbody tr")).to_have_count(50)
    assert_accessible(page)
    with page.expect_navigation():
        people.locator("button[name=preview_page]").last.click()
    expect(people.locator("tbody tr")).to_have_count(6)
    expect(people.locator("tbody")).to_contain_text("Person 054")  # by name: Okafor leads page 1

    page.fill("#preview-q", "E-9001")
    with page.expect_navigation():
        page.press("#preview-q", "Enter")  # searches; does not save
    expect(people.locator("tbody tr")).to_have_count(1)
    expect(people.locator("tbody")).to_contain_text("Clerk")
    page.fill("#preview-q", "nobody-like-this")
    with page.expect_navigation():
        page.press("#preview-q", "Enter")
    expect(people.locator("tbody tr")).to_have_count(0)
    expect(people).to_contain_text("nobody-like-this")
    assert_accessible(page)
    assert not Curriculum.objects.exists()
