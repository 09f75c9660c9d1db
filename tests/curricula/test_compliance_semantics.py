"""Compliance tells the truth (Totara's semantics): not yet due is on track, exempt is complete, only
overdue and expired people are out of compliance; the completion rate is shown beside it."""

import datetime

import pytest
from django.utils import timezone

from courses.curricula import services
from courses.curricula.models import Assignment
from courses.curricula.selectors import Counts, compliance_by_department
from tests.curricula.factories import CurriculumFactory, city_with_compliance
from tests.factories import CourseFactory, training_admin

pytestmark = pytest.mark.django_db
State = Assignment.State


@pytest.fixture
def city():
    return city_with_compliance()


def test_a_curriculum_due_ahead_adds_people_on_track_and_does_not_lower_compliant(client, city):
    admin = training_admin()
    rows, before = compliance_by_department(admin)
    parks_before = next(r for r in rows if r.department == city["parks"]).total

    new = CurriculumFactory(name="Language Access", courses=[CourseFactory()], due_days=45)
    services.assignments_reconcile(curriculum_id=new.pk)

    rows, after = compliance_by_department(admin)
    parks_after = next(r for r in rows if r.department == city["parks"]).total
    assert after.assigned == before.assigned + 4
    assert after.on_track == before.on_track + 4
    assert (after.overdue, after.expired) == (before.overdue, before.expired)
    assert after.percent_compliant >= before.percent_compliant
    assert parks_after.percent_compliant >= parks_before.percent_compliant
    _rows, total = compliance_by_department(admin, curriculum_id=new.pk)
    assert total.percent_compliant == 100 and total.completion_rate == 0


def test_overdue_and_expired_are_the_only_non_compliant_states():
    counts = Counts(assigned=10, certified=2, exempt=1, not_started=3, in_progress=1, overdue=2, expired=1)
    assert (counts.complete, counts.on_track, counts.compliant) == (3, 4, 7)
    assert counts.percent_compliant == 70
    assert counts.completion_rate == 30
    assert Counts().percent_compliant is None and Counts().completion_rate is None


def test_an_exempt_overdue_person_counts_as_complete_and_compliant(city):
    ben = Assignment.objects.get(user=city["people"]["ben"].user)
    assert ben.state == State.OVERDUE
    services.assignment_exempt(assignment=ben, by=training_admin(), reason="On leave")
    _rows, total = compliance_by_department(training_admin())
    assert (total.complete, total.overdue) == (3, 0)
    assert total.percent_compliant == 100


def test_the_page_shows_each_category_the_rate_and_the_legend(client, city):
    client.force_login(city["head"])
    content = client.get("/compliance/").content.decode()
    assert "<strong>66%</strong> compliant" in content and "<strong>33%</strong> complete" in content
    for text in ("Complete: 1", "On track: 1", "Overdue: 1", "Expired: 0", "Completion rate", "On track"):
        assert text in content
    assert "neither overdue nor expired" in content  # the legend explains "compliant"


def test_an_assignment_not_yet_due_is_on_track_until_the_date_passes(city):
    admin = training_admin()
    cai = Assignment.objects.get(user=city["people"]["cai"].user)
    _rows, total = compliance_by_department(admin, department=city["trails"])
    assert (total.on_track, total.overdue) == (1, 0)
    services.assignments_advance_by_date(today=cai.due_on + datetime.timedelta(days=1))
    _rows, total = compliance_by_department(admin, department=city["trails"])
    assert (total.on_track, total.overdue, total.percent_compliant) == (0, 1, 0)
    assert cai.due_on > timezone.localdate()
