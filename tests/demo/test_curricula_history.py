"""The demo's further curricula: imported history (expired and renewal-window people), new hires,
front-line language access; idempotent."""

import datetime
import io

import pytest
from django.utils import timezone

from courses.catalogue.models import CourseCompletion
from courses.curricula.models import Assignment, CompletionImport, Curriculum
from lms.demo import curricula as curricula_demo
from lms.demo import curricula_history as demo_more
from lms.demo.management.commands.seed_demo import DemoContext
from tests.factories import CourseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db

SLUGS = curricula_demo.COURSE_SLUGS + demo_more.NEW_HIRE_COURSES + demo_more.LANGUAGE_ACCESS_COURSES


def context(courses):
    demo = DemoContext(password="commonground", employees=10, stdout=io.StringIO(), style=None)
    demo.courses.update(courses)
    return demo


def test_the_demo_seeds_three_curricula_with_imported_history_and_realistic_states_idempotently():
    courses = {slug: CourseFactory(slug=slug) for slug in SLUGS}
    today = timezone.localdate()
    for n in range(60):
        EmployeeFactory(hire_date=today - datetime.timedelta(days=2000 + n), job_title="Planner")
    recent = [EmployeeFactory(hire_date=today - datetime.timedelta(days=3 * n + 1)) for n in range(20)]
    front_line = [EmployeeFactory(job_title="Librarian") for _ in range(8)]

    curricula_demo.seed(context(courses))
    snapshot = (
        CourseCompletion.objects.count(),
        Assignment.objects.count(),
        CompletionImport.objects.count(),
    )
    curricula_demo.seed(context(courses))
    assert (CourseCompletion.objects.count(), Assignment.objects.count(), CompletionImport.objects.count()) == snapshot

    foundations = Curriculum.objects.get(slug=curricula_demo.SLUG)
    states = set(Assignment.objects.filter(curriculum=foundations).values_list("state", flat=True))
    assert {Assignment.State.EXPIRED, Assignment.State.WINDOW_OPEN, Assignment.State.OVERDUE} <= states
    run = CompletionImport.objects.get(file_name=demo_more.HISTORY_FILE)
    assert run.outcome == "applied" and run.created > 0
    assert CourseCompletion.objects.filter(source="import").count() == run.created

    new_hires = Curriculum.objects.get(slug=demo_more.NEW_HIRES)
    assigned = set(Assignment.objects.filter(curriculum=new_hires).values_list("user_id", flat=True))
    assert assigned == {person.user_id for person in recent if person.hire_date >= today - datetime.timedelta(days=90)}
    new_hire_states = set(Assignment.objects.filter(curriculum=new_hires).values_list("state", flat=True))
    assert Assignment.State.OVERDUE in new_hire_states and Assignment.State.COMPLETE in new_hire_states

    language = Curriculum.objects.get(slug=demo_more.LANGUAGE_ACCESS)
    assert set(Assignment.objects.filter(curriculum=language).values_list("user_id", flat=True)) == {
        person.user_id for person in front_line
    }
    assert language.expiry_method == Curriculum.ExpiryMethod.FIXED_DATE
