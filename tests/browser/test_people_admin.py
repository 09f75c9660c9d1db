"""The training admin's main paths through the Wagtail admin, in a real browser."""

import pytest
from django.utils import translation

from courses.catalogue.models import Course, Module
from courses.people.models import Employee
from tests.browser.a11y import assert_accessible
from tests.conftest import login
from tests.courses.factories import course_with_every_kind, enrolled, learner
from tests.factories import DepartmentFactory, EmployeeFactory, training_admin
from tests.people.factories import hr_csv, hr_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def english():
    # Rows are written in the test thread; a language another test left active there would make
    # the factories fill that language's title fields (django-modeltranslation) instead of English.
    with translation.override("en"):
        yield


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


def test_training_admin_previews_and_applies_an_hr_file(admin_page, tmp_path):
    page = admin_page
    DepartmentFactory(code="planning", name="Planning")
    good = tmp_path / "hr-2026-11.csv"
    good.write_bytes(hr_csv(hr_row("200001", first_name="Nguyễn Thị", last_name="Hương"), hr_row("200002")))
    bad = tmp_path / "hr-bad.csv"
    bad.write_bytes(hr_csv(hr_row("200001", department_code="nowhere"), hr_row("200002", hire_date="31/12/2025")))

    page.goto("/admin/")
    page.get_by_role("button", name="People").click()
    page.get_by_role("link", name="HR import", exact=True).click()
    page.get_by_label("HR file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file (dry run)").click()
    alert = page.locator("#import-errors")
    assert "2 problems" in alert.inner_text()
    assert "Unknown department code" in alert.inner_text() and "not a date" in alert.inner_text()
    assert_accessible(page)

    page.get_by_label("HR file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file (dry run)").click()
    page.get_by_role("heading", name="Preview of hr-2026-11.csv").wait_for()
    assert "Nguyễn Thị Hương" in page.content()
    assert not Employee.objects.exists()
    assert_accessible(page)
    page.get_by_role("button", name="Apply this import").click()
    page.get_by_text("hr-2026-11.csv imported.").wait_for()
    assert Employee.objects.count() == 2


def test_departments_read_as_a_tree(admin_page):
    page = admin_page
    city = DepartmentFactory(code="city", name="City Manager's Office")
    works = DepartmentFactory(code="public-works", name="Public Works", parent=city)
    DepartmentFactory(code="streets", name="Streets", parent=works)

    page.goto("/admin/people/departments/")
    streets = page.get_by_role("link", name="Streets", exact=True)
    works_link = page.get_by_role("link", name="Public Works", exact=True)
    assert streets.bounding_box()["x"] > works_link.bounding_box()["x"]
    row = page.get_by_role("row").filter(has=streets)
    assert "Level 3:" in row.inner_text()
    assert page.get_by_text("Level 3:").bounding_box()["width"] <= 1  # said to screen readers, not shown
    assert_accessible(page)


def test_training_admin_lifts_a_sign_in_lock_out_from_the_people_menu(admin_page):
    from axes.models import AccessAttempt
    from django.conf import settings

    page = admin_page
    AccessAttempt.objects.create(
        username="amara",
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    page.goto("/admin/")
    page.get_by_role("button", name="People").click()
    page.get_by_role("link", name="Sign-in lock-outs").click()
    page.wait_for_selector("table.listing")
    assert_accessible(page)
    page.get_by_role("button", name="Lift the lock for amara").click()
    page.wait_for_load_state()
    assert "Sign-in is open again for amara." in page.content()
    assert not AccessAttempt.objects.filter(username="amara").exists()
