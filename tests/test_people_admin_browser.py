"""The training admin's main paths through the Wagtail admin, in a real browser."""

import pytest

from courses.models import Course, Module
from tests.conftest import login
from tests.factories import DepartmentFactory, EmployeeFactory, training_admin
from tests.factories_learner import course_with_every_kind, enrolled, learner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def admin_page(page):
    training_admin(username="trainingadmin")
    login(page, "trainingadmin")
    return page


def test_training_admin_lists_the_employees_of_a_department_and_its_subtree(admin_page):
    page = admin_page
    city = DepartmentFactory(code="city", name="City Manager's Office")
    works = DepartmentFactory(code="public-works", name="Public Works", parent=city)
    streets = DepartmentFactory(code="streets", name="Streets", parent=works)
    libraries = DepartmentFactory(code="libraries", name="Libraries", parent=city)
    EmployeeFactory(department=works, user__first_name="Shandiin", user__last_name="Begay")
    EmployeeFactory(department=streets, user__first_name="Thị Hương", user__last_name="Nguyễn")
    EmployeeFactory(department=libraries, user__first_name="Omar", user__last_name="Haddad")

    page.goto("/admin/")
    page.get_by_role("button", name="People").click()
    page.get_by_role("link", name="Employees").click()
    page.wait_for_url("**/admin/people/employees/")
    assert page.get_by_role("link", name="Omar Haddad").is_visible()

    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Department (and below)").click()
    page.get_by_label("Department (and below)").select_option(label="— Public Works")
    page.wait_for_url("**department=*")
    page.get_by_role("link", name="Thị Hương Nguyễn").wait_for()
    assert page.get_by_role("link", name="Shandiin Begay").is_visible()
    assert page.get_by_role("link", name="Omar Haddad").count() == 0


def test_training_admin_moves_a_module_down_on_the_course_page(admin_page):
    page = admin_page
    course, modules = course_with_every_kind(title="Understanding Implicit Bias")
    first, second = modules["reading"].title, modules["video"].title

    page.goto("/admin/courses/")
    page.get_by_role("link", name="Understanding Implicit Bias").first.click()
    page.get_by_role("button", name=f"Move {first} down").click()
    page.get_by_text(f"“{first}” moved down.").wait_for()
    items = page.locator(".course-modules__title strong").all_inner_texts()
    assert items[:2] == [second, first]
    assert list(Module.objects.filter(course=course).order_by("position").values_list("title", flat=True))[:2] == [
        second,
        first,
    ]


def test_deleting_a_course_with_enrolments_shows_why_it_was_refused(admin_page):
    page = admin_page
    course, _modules = course_with_every_kind(title="Foundations of Anti-Racism")
    enrolled(learner(), course)

    page.goto(f"/admin/courses/delete/{course.pk}/")
    page.get_by_role("button", name="Yes, delete").click()
    page.get_by_text("This course has enrolments or completions and cannot be deleted").wait_for()
    assert f"/admin/courses/edit/{course.pk}/" in page.url
    assert Course.objects.filter(pk=course.pk).exists()
