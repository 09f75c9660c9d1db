"""A training admin in the Wagtail admin, in a real browser: creates a curriculum and sees how many
people it assigns before saving, grants an extension, imports completions (a bad file, then a good one)."""

import datetime

import pytest

from courses.curricula.models import Assignment, AssignmentEvent, Curriculum
from courses.curricula.services import assignments_reconcile
from tests.conftest import login
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, EmployeeFactory, training_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_training_admin_creates_a_curriculum_after_seeing_who_it_assigns(page):
    admin = training_admin(username="trainer")
    CourseFactory(title="Foundations of Anti-Racism", slug="foundations-of-anti-racism")
    for _ in range(3):
        EmployeeFactory()
    assert admin.pk
    login(page, "trainer")
    page.goto("/admin/curricula/new/")
    page.get_by_role("textbox", name="Name").fill("Anti-Racism Foundations")
    page.get_by_role("textbox", name="Code").fill("anti-racism-foundations")
    page.get_by_label("Foundations of Anti-Racism").check()
    page.get_by_role("button", name="Preview who is assigned").click()

    status = page.locator("#curriculum-preview")
    status.wait_for()
    assert "This curriculum will assign 3 people." in status.inner_text()
    assert "Nothing has been saved yet." in status.inner_text()
    assert not Curriculum.objects.exists()

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/curricula/")
    assert "3 people newly assigned" in page.content()
    assert Assignment.objects.filter(curriculum__slug="anti-racism-foundations").count() == 3


def test_a_training_admin_finds_an_assignment_and_grants_an_extension(page):
    training_admin(username="trainer")
    person = EmployeeFactory(user__first_name="Amara", user__last_name="Okafor", employee_number="E-1001")
    EmployeeFactory(user__first_name="Ben", user__last_name="Baker")
    curriculum = CurriculumFactory(name="Anti-Racism Foundations")
    assignments_reconcile(curriculum_id=curriculum.pk)
    assignment = Assignment.objects.get(user=person.user)
    new_due = assignment.due_on + datetime.timedelta(days=30)

    login(page, "trainer")
    page.goto("/admin/mandatory-training/assignments/")
    page.get_by_label("Name or employee number").fill("E-1001")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Amara Okafor").click()
    page.get_by_label("New due date").fill(new_due.isoformat())
    page.get_by_label("Reason").first.fill("Parental leave until next month")
    page.get_by_role("button", name="Grant extension").click()

    page.get_by_text("Extension granted.").wait_for()
    history = page.locator("#assignment-history")
    assert "Extension granted" in history.inner_text()
    assert "Parental leave until next month" in history.inner_text()
    assignment.refresh_from_db()
    assert assignment.extended_due_on == new_due
    assert assignment.events.filter(kind=AssignmentEvent.Kind.EXTENDED).count() == 1


def test_a_training_admin_uploads_a_bad_completions_file_then_a_good_one(page, tmp_path):
    training_admin(username="trainer")
    EmployeeFactory(employee_number="E100")
    CourseFactory(slug="foundations-of-anti-racism")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "employee_number,course_slug,completed_at\nE100,foundations-of-anti-racism,2024-03-05\nE999,nope,2024-13-01\n"
    )
    good = tmp_path / "good.csv"
    good.write_text("employee_number,course_slug,completed_at\nE100,foundations-of-anti-racism,2024-03-05\n")

    login(page, "trainer")
    page.goto("/admin/mandatory-training/import-completions/")
    page.get_by_label("CSV file of completions").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file (dry run)").click()
    errors = page.locator("#import-errors")
    errors.wait_for()
    text = errors.inner_text()
    assert "bad.csv was not imported: 3 problems. Nothing was changed." in text
    assert "Unknown employee number “E999”." in text and "Unknown course “nope”." in text
    assert "2024-13-01" in text

    page.get_by_label("CSV file of completions").set_input_files(str(good))
    page.get_by_role("button", name="Check the file (dry run)").click()
    page.locator("#import-summary").wait_for()
    assert "1 completions to record" in page.locator("#import-summary").inner_text()
    page.get_by_role("button", name="Apply this import").click()
    page.get_by_text("good.csv imported.").wait_for()

    from courses.catalogue.models import CourseCompletion

    assert CourseCompletion.objects.filter(source="import").count() == 1
