"""The compliance rollup: kept exact by every kind of assignment and employee change, read by the
compliance pages in a constant number of queries, checked and repaired nightly."""

import datetime
import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.curricula import export_selectors, rollups, selectors, services, tasks
from courses.curricula.import_services import completions_import
from courses.curricula.models import Assignment, ComplianceRollup
from courses.curricula.schedules import SCHEDULES
from courses.people.models import Employee
from courses.people.services import department_save, employee_update
from tests.curricula.factories import (
    CurriculumFactory,
    city_with_compliance,
    compliance_from_assignments,
    compliance_from_rollup,
    rollup_matches_assignments,
)
from tests.factories import DepartmentFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db
State = Assignment.State


@pytest.fixture
def city():
    return city_with_compliance()


def assert_exact(*viewers, **filters):
    assert rollup_matches_assignments()
    for viewer in viewers:
        assert compliance_from_rollup(viewer, **filters) == compliance_from_assignments(viewer, **filters)


def own(viewer, department):
    rows, _total = selectors.compliance_by_department(viewer)
    return next(row.own for row in rows if row.department.pk == department.pk)


def test_the_rollup_gives_the_numbers_the_assignments_give(city):
    admin = training_admin()
    assert_exact(admin, city["head"])
    assert_exact(admin, city["head"], curriculum_id=city["curriculum"].pk)
    assert_exact(admin, city["head"], department=city["trails"])
    _rows, total = selectors.compliance_by_department(admin)
    assert (total.assigned, total.certified, total.overdue, total.not_started) == (4, 2, 1, 1)


def test_exemption_extension_and_revocation_move_the_counts_in_their_transaction(city):
    admin = training_admin()
    ben = Assignment.objects.get(user=city["people"]["ben"].user)
    services.assignment_exempt(assignment=ben, by=admin, reason="On leave")
    assert (own(admin, city["parks"]).overdue, own(admin, city["parks"]).exempt) == (0, 1)
    assert_exact(admin, city["head"])
    services.assignment_exemption_revoke(assignment=ben, by=admin, reason="Back")
    assert own(admin, city["parks"]).overdue == 1
    services.assignment_extend(
        assignment=ben, by=admin, due_on=timezone.localdate() + datetime.timedelta(days=9), reason="Sick"
    )
    assert (own(admin, city["parks"]).overdue, own(admin, city["parks"]).not_started) == (0, 1)
    assert_exact(admin, city["head"])


def test_the_calendar_run_counts_who_became_overdue(city):
    admin = training_admin()
    assert own(admin, city["trails"]).not_started == 1
    moved = services.assignments_advance_by_date(today=timezone.localdate() + datetime.timedelta(days=6))
    assert moved[State.OVERDUE] == 1
    assert (own(admin, city["trails"]).overdue, own(admin, city["trails"]).not_started) == (1, 0)
    assert_exact(admin, city["head"])


def test_a_completions_import_counts_the_certifications_it_makes(city):
    admin = training_admin()
    ben = city["people"]["ben"]
    day = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    data = f"employee_number,course_slug,completed_at,source_note\n{ben.employee_number},{city['course'].slug},{day},\n"
    run, _plan = completions_import(data=data.encode(), file_name="history.csv")
    assert run.certified == 1
    assert (own(admin, city["parks"]).certified, own(admin, city["parks"]).overdue) == (2, 0)
    assert_exact(admin, city["head"])


def test_a_transfer_moves_the_persons_counts_to_the_new_department(city):
    admin = training_admin()
    employee_update(employee=city["people"]["ben"], department=city["police"])
    assert (own(admin, city["parks"]).assigned, own(admin, city["police"]).assigned) == (1, 2)
    assert own(admin, city["police"]).overdue == 1
    assert_exact(admin, city["head"])
    _rows, head_total = selectors.compliance_by_department(city["head"])
    assert head_total.overdue == 0  # ben left the head's subtree, and his overdue assignment with him


def test_deactivating_someone_takes_them_out_and_reactivating_brings_them_back(city):
    admin = training_admin()
    employee_update(employee=city["people"]["ben"], active=False)
    assert own(admin, city["parks"]).assigned == 1
    assert_exact(admin, city["head"])
    employee_update(employee=Employee.objects.get(pk=city["people"]["ben"].pk), active=True)
    assert own(admin, city["parks"]).assigned == 2
    assert_exact(admin, city["head"])


def test_moving_a_department_in_the_tree_changes_no_row_and_the_subtree_totals_follow(city):
    admin = training_admin()
    stored = rollups.rollup_stored()
    department_save(department=city["trails"], parent=city["police"])
    assert rollups.rollup_stored() == stored
    _rows, head_total = selectors.compliance_by_department(city["head"])
    assert head_total.assigned == 2  # trails went to police, out of the parks head's subtree
    assert_exact(admin, city["head"])


def test_a_new_curriculum_for_everyone_and_its_end_are_counted(city):
    admin = training_admin()
    curriculum = CurriculumFactory(name="Language access")
    result = services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert result.created == 4
    assert_exact(admin, city["head"])
    curriculum.active = False
    curriculum.save()
    assert_exact(admin, city["head"])  # read time: inactive curricula are not shown
    assert services.assignments_reconcile(curriculum_id=curriculum.pk).ended == 4
    assert_exact(admin, city["head"])


def test_leaving_the_audience_ends_and_uncounts_the_assignment(city):
    admin = training_admin()
    city["curriculum"].audience_departments.set([city["parks"]])
    result = services.assignments_reconcile(curriculum_id=city["curriculum"].pk)
    assert result.ended == 1  # dee, in police
    assert own(admin, city["police"]).assigned == 0
    assert_exact(admin, city["head"])


def test_deleting_people_profiles_and_assignments_uncounts_them_once(city):
    admin = training_admin()
    city["people"]["ana"].user.delete()  # the profile and the assignment go together
    assert_exact(admin, city["head"])
    Employee.objects.get(pk=city["people"]["ben"].pk).delete()  # no profile: no longer counted
    assert_exact(admin, city["head"])
    Assignment.objects.get(user=city["people"]["dee"].user).delete()
    assert_exact(admin, city["head"])
    assert selectors.compliance_by_department(admin)[1].assigned == 1


def test_a_direct_save_of_an_assignment_is_counted(city):
    curriculum = CurriculumFactory()
    newcomer = EmployeeFactory(department=city["trails"])
    assignment = Assignment.objects.create(
        curriculum=curriculum, user=newcomer.user, assigned_at=timezone.now(), due_on=timezone.localdate()
    )
    assert_exact(training_admin(), city["head"])
    assignment.transition(State.OVERDUE)
    assignment.save()
    assert_exact(training_admin(), city["head"])


def test_the_export_count_comes_from_the_rollup_and_equals_the_rows(city):
    for viewer in (training_admin(), city["head"]):
        assert export_selectors.compliance_export_count(viewer) == selectors.compliance_assignments(viewer).count()
        assert export_selectors.compliance_export_count(viewer, department=city["trails"]) == 1


def test_the_page_reads_the_rollup_and_never_the_assignments(city):
    admin = training_admin()
    with CaptureQueriesContext(connection) as captured:
        selectors.compliance_by_department(admin)
        selectors.compliance_by_department(city["head"])
    assert captured.captured_queries
    assert not any("curricula_assignment" in query["sql"] for query in captured.captured_queries)


def test_the_compliance_page_needs_no_more_queries_for_a_larger_city(client, city, django_assert_max_num_queries):
    admin = training_admin()
    client.force_login(admin)
    client.get("/compliance/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/compliance/").status_code == 200
    for index in range(8):
        parent = DepartmentFactory(name=f"Bureau {index}", parent=city["police"])
        for _person in range(4):
            EmployeeFactory(department=parent)
    services.assignments_reconcile()
    with django_assert_max_num_queries(len(captured)):
        response = client.get("/compliance/")
    assert response.status_code == 200
    assert selectors.compliance_by_department(admin)[1].assigned == 4 + 32


def test_the_nightly_check_finds_repairs_and_logs_drift(city, caplog):
    rows = ComplianceRollup.objects.exclude(assignments=0).order_by("pk")
    first, second = rows[0], rows[1]
    ComplianceRollup.objects.filter(pk=first.pk).update(assignments=first.assignments + 3)
    ComplianceRollup.objects.filter(pk=second.pk).delete()
    ComplianceRollup.objects.create(
        department=city["police"], curriculum=city["curriculum"], state=State.EXPIRED, exempt=True, assignments=2
    )
    assert not rollup_matches_assignments()

    with caplog.at_level(logging.WARNING, logger="courses.curricula.rollups"):
        report = rollups.compliance_rollup_repair()

    assert len(report.drift) == 3
    assert {(stored, actual) for _key, stored, actual in report.drift} == {
        (first.assignments + 3, first.assignments),
        (0, second.assignments),
        (2, 0),
    }
    assert len([r for r in caplog.records if "drift repaired" in r.getMessage()]) == 3
    assert_exact(training_admin(), city["head"])
    assert rollups.compliance_rollup_repair().drift == []


def test_the_repair_command_and_the_scheduled_task(city):
    ComplianceRollup.objects.filter(pk=ComplianceRollup.objects.exclude(assignments=0).first().pk).update(
        assignments=99
    )
    out = StringIO()
    call_command("compliance_rollup_repair", stdout=out)
    assert "stored 99" in out.getvalue() and "1 drifted row(s) repaired" in out.getvalue()
    assert rollup_matches_assignments()
    assert tasks.compliance_rollup_check() == {"rows": 4, "assignments": 4, "drift": 0}
    func, kind, *_rest = SCHEDULES["curricula: compliance rollup check"]
    assert (func, kind) == ("courses.curricula.tasks.compliance_rollup_check", "D")


def test_the_drill_down_pages_by_the_rollups_count_without_counting_assignments(client, city):
    client.force_login(training_admin())
    for _person in range(3):
        EmployeeFactory(department=city["trails"])
    services.assignments_reconcile()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/compliance/department/{city['parks'].pk}/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 6 == len(response.context["assignments"])
    assert not any(
        "COUNT(" in query["sql"] and "curricula_assignment" in query["sql"] for query in captured.captured_queries
    )
