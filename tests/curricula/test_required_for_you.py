"""'Required for you — due …' on the catalogue, the course page and the course overview, for a
signed-in employee whose current assignment covers the course; constant queries on the list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from courses.curricula import services
from courses.curricula.models import Assignment
from courses.curricula.selectors import CourseRequirement, course_requirements
from tests.cms import factories as cms
from tests.curricula.factories import CurriculumFactory, complete
from tests.factories import CourseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def due_date_text(day, language="en"):
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


@pytest.fixture
def assigned():
    """An employee assigned a curriculum of two courses, due in 30 days; and a course it leaves out."""
    first, second, other = CourseFactory(slug="first"), CourseFactory(slug="second"), CourseFactory(slug="other")
    curriculum = CurriculumFactory(courses=[first, second], due_days=30)
    user = EmployeeFactory().user
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    return user, Assignment.objects.get(user=user), first, second, other


def test_a_course_of_a_current_assignment_is_due_on_its_due_date(assigned):
    user, assignment, first, second, other = assigned
    found = course_requirements(user, [first.pk, second.pk, other.pk])
    assert found == {
        first.pk: CourseRequirement("due", assignment.due_on),
        second.pk: CourseRequirement("due", assignment.due_on),
    }


def test_a_completed_course_is_complete_while_the_curriculum_is_not(assigned):
    user, _assignment, first, second, _other = assigned
    complete(user, first, timezone.now())
    found = course_requirements(user, [first.pk, second.pk])
    assert found[first.pk].status == "complete"
    assert found[second.pk].status == "due"


def test_past_the_due_date_it_is_overdue_since_then(assigned):
    user, assignment, first, _second, _other = assigned
    Assignment.objects.filter(pk=assignment.pk).update(due_on=datetime.date(2026, 1, 5), state=Assignment.State.OVERDUE)
    assert course_requirements(user, [first.pk])[first.pk] == CourseRequirement("overdue", datetime.date(2026, 1, 5))


def test_an_extension_moves_the_due_date(assigned):
    user, assignment, first, _second, _other = assigned
    later = assignment.due_on + datetime.timedelta(days=20)
    Assignment.objects.filter(pk=assignment.pk).update(extended_due_on=later)
    assert course_requirements(user, [first.pk])[first.pk].on == later


def test_exempt_ended_and_other_peoples_assignments_require_nothing(assigned):
    user, assignment, first, _second, _other = assigned
    assert course_requirements(EmployeeFactory().user, [first.pk]) == {}
    Assignment.objects.filter(pk=assignment.pk).update(exempt=True)
    assert course_requirements(user, [first.pk]) == {}
    Assignment.objects.filter(pk=assignment.pk).update(exempt=False, ended_at=timezone.now())
    assert course_requirements(user, [first.pk]) == {}


def test_the_most_pressing_of_two_assignments_wins(assigned):
    user, assignment, first, _second, _other = assigned
    CurriculumFactory(courses=[first], due_days=5)
    services.assignments_reconcile()
    soonest = Assignment.objects.filter(user=user).order_by("due_on").first().due_on
    assert soonest < assignment.due_on
    assert course_requirements(user, [first.pk])[first.pk].on == soonest


def test_the_course_overview_says_required_for_you_and_the_due_date(client, assigned):
    user, assignment, first, _second, other = assigned
    client.force_login(user)
    content = client.get(f"/learn/{first.slug}/").content.decode()
    assert f"Required for you — due {due_date_text(assignment.due_on)}" in content
    assert "Required for you" not in client.get(f"/learn/{other.slug}/").content.decode()


def test_the_date_follows_the_readers_language(client, assigned):
    user, assignment, first, _second, _other = assigned
    user.employee.preferred_language = "ar"
    user.employee.save()
    client.force_login(user)
    content = client.get(f"/learn/{first.slug}/").content.decode()
    assert 'lang="ar"' in content
    assert due_date_text(assignment.due_on, "ar") in content


def test_the_course_page_and_the_catalogue_say_it_too(client, site_root, assigned):
    user, assignment, first, second, other = assigned
    catalogue = cms.course_index(site_root)
    for course in (first, second, other):
        cms.course_page(catalogue, course)
    Assignment.objects.filter(pk=assignment.pk).update(due_on=datetime.date(2026, 1, 5), state=Assignment.State.OVERDUE)
    client.force_login(user)
    page = client.get(f"/courses/{first.slug}/").content.decode()
    assert f"Required for you — overdue since {due_date_text(datetime.date(2026, 1, 5))}" in page
    listing = client.get("/courses/").content.decode()
    assert listing.count("Required for you — overdue since") == 2
    client.logout()
    assert "Required for you" not in client.get("/courses/").content.decode()


def test_the_catalogue_runs_a_constant_number_of_queries_for_an_assigned_employee(client, site_root, assigned):
    user, _assignment, first, _second, _other = assigned
    catalogue = cms.course_index(site_root)
    cms.course_page(catalogue, first)
    client.force_login(user)

    def queries():
        client.get("/courses/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/courses/").status_code == 200
        return len(captured)

    few = queries()
    for _ in range(5):
        course = CourseFactory()
        CurriculumFactory(courses=[course])
        cms.course_page(catalogue, course)
    services.assignments_reconcile()
    assert queries() == few
