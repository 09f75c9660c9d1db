import io

import pytest

from courses.curricula.models import Assignment, Curriculum
from lms.demo import curricula as curricula_demo
from lms.demo.management.commands.seed_demo import DemoContext
from tests.factories import CourseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def context(**courses):
    demo = DemoContext(password="commonground", employees=10, stdout=io.StringIO(), style=None)
    demo.courses.update(courses)
    return demo


def test_demo_assigns_the_foundations_curriculum_to_everyone_with_realistic_states_and_is_idempotent():
    courses = {slug: CourseFactory(slug=slug) for slug in curricula_demo.COURSE_SLUGS}
    for _ in range(30):
        EmployeeFactory()
    curricula_demo.seed(context(**courses))
    curricula_demo.seed(context(**courses))
    curriculum = Curriculum.objects.get(slug=curricula_demo.SLUG)
    assert curriculum.name == "Anti-Racism Foundations"
    assignments = Assignment.objects.filter(curriculum=curriculum)
    assert assignments.count() == 30
    states = set(assignments.values_list("state", flat=True))
    assert Assignment.State.COMPLETE in states and Assignment.State.OVERDUE in states


def test_demo_without_employees_or_courses_does_not_fail():
    demo = context()
    curricula_demo.seed(demo)
    assert "no demo courses" in demo.stdout.getvalue()
    courses = {slug: CourseFactory(slug=slug) for slug in curricula_demo.COURSE_SLUGS}
    curricula_demo.seed(context(**courses))
    assert Curriculum.objects.filter(slug=curricula_demo.SLUG).exists()
    assert not Assignment.objects.exists()
