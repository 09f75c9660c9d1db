"""Assignments follow people (reconciliation), and a training admin's audited decisions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from courses.curricula import services
from courses.curricula.audience import AudienceRule
from courses.curricula.exceptions import AssignmentEnded, InvalidDecision
from courses.curricula.models import Assignment, AssignmentEvent
from courses.curricula.schedules import SCHEDULES
from courses.people.services import employee_create, employee_update
from tests.curricula.factories import CurriculumFactory, complete
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db
State = Assignment.State
Reason = Assignment.EndReason


def current(curriculum):
    current = Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True)
    return set(current.values_list("user_id", flat=True))


def test_everyone_active_is_assigned_and_reconciling_again_changes_nothing():
    curriculum = CurriculumFactory()
    people = [EmployeeFactory() for _ in range(3)]
    EmployeeFactory(active=False)
    first = services.assignments_reconcile()
    assert (first.created, first.ended) == (3, 0)
    assert current(curriculum) == {e.user_id for e in people}
    second = services.assignments_reconcile()
    assert (second.created, second.ended) == (0, 0)
    assert Assignment.objects.count() == 3
    assert AssignmentEvent.objects.filter(kind=AssignmentEvent.Kind.ASSIGNED).count() == 3


def test_a_department_rule_covers_the_subtree_and_nobody_else():
    parks = DepartmentFactory(name="Parks")
    trails = DepartmentFactory(name="Trails", parent=parks)
    police = DepartmentFactory(name="Police")
    curriculum = CurriculumFactory(departments=[parks])
    inside = [EmployeeFactory(department=parks), EmployeeFactory(department=trails)]
    EmployeeFactory(department=police)
    services.assignments_reconcile()
    assert current(curriculum) == {e.user_id for e in inside}


def test_a_transfer_out_ends_the_assignment_and_keeps_its_history(django_capture_on_commit_callbacks):
    parks, police = DepartmentFactory(), DepartmentFactory()
    course = CourseFactory()
    CurriculumFactory(departments=[parks], courses=[course])
    person = EmployeeFactory(department=parks)
    services.assignments_reconcile()
    complete(person.user, course, timezone.localdate())
    services.assignments_evaluate_for_user(user_id=person.user_id)

    with django_capture_on_commit_callbacks(execute=True):
        employee_update(employee=person, department=police)
    old = Assignment.objects.get(user=person.user)
    assert old.ended_at is not None and old.end_reason == Reason.LEFT_AUDIENCE
    assert old.certifications.count() == 1
    assert old.events.filter(kind=AssignmentEvent.Kind.ENDED).exists()

    with django_capture_on_commit_callbacks(execute=True):
        employee_update(employee=person, department=parks)
    assert Assignment.objects.filter(user=person.user).count() == 2
    new = Assignment.objects.get(user=person.user, ended_at__isnull=True)
    assert new.state == State.COMPLETE  # the earlier completion counts for the new assignment


def test_a_new_hire_is_assigned_when_created(django_capture_on_commit_callbacks):
    curriculum = CurriculumFactory()
    with django_capture_on_commit_callbacks(execute=True):
        person = employee_create(
            employee_number="E900001", first_name="Ana", last_name="Ruiz", department=DepartmentFactory()
        )
    assert current(curriculum) == {person.user_id}


def test_a_job_title_change_moves_a_person_in_and_out(django_capture_on_commit_callbacks):
    curriculum = CurriculumFactory(audience_job_titles="Police Officer\nSergeant")
    person = EmployeeFactory(job_title="Analyst")
    services.assignments_reconcile()
    assert current(curriculum) == set()
    with django_capture_on_commit_callbacks(execute=True):
        employee_update(employee=person, job_title="police officer")
    assert current(curriculum) == {person.user_id}
    with django_capture_on_commit_callbacks(execute=True):
        employee_update(employee=person, job_title="Analyst")
    assert current(curriculum) == set()
    assert Assignment.objects.get(user=person.user).end_reason == Reason.LEFT_AUDIENCE


def test_deactivation_ends_assignments_as_deactivated(django_capture_on_commit_callbacks):
    curriculum = CurriculumFactory()
    person = EmployeeFactory()
    services.assignments_reconcile()
    with django_capture_on_commit_callbacks(execute=True):
        employee_update(employee=person, active=False)
    assert current(curriculum) == set()
    assert Assignment.objects.get(user=person.user).end_reason == Reason.DEACTIVATED


def test_the_nightly_run_catches_changes_made_without_a_save():
    from courses.people.models import Employee

    curriculum = CurriculumFactory()
    person = EmployeeFactory()
    services.assignments_reconcile()
    Employee.objects.filter(pk=person.pk).update(active=False)  # e.g. a bulk HR update
    from courses.curricula.tasks import curricula_nightly

    summary = curricula_nightly()
    assert summary["ended"] == 1
    assert current(curriculum) == set()


def test_new_hire_rule_assigns_recent_hires_who_keep_it_afterwards():
    today = timezone.localdate()
    curriculum = CurriculumFactory(audience_hired_within_days=30)
    recent = EmployeeFactory(hire_date=today - datetime.timedelta(days=10))
    EmployeeFactory(hire_date=today - datetime.timedelta(days=400))
    services.assignments_reconcile()
    assert current(curriculum) == {recent.user_id}
    services.assignments_reconcile(today=today + datetime.timedelta(days=60))
    assert current(curriculum) == {recent.user_id}


def test_an_inactive_curriculum_ends_its_assignments():
    curriculum = CurriculumFactory()
    EmployeeFactory()
    services.assignments_reconcile()
    curriculum.active = False
    curriculum.save()
    result = services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert result.ended == 1
    assert Assignment.objects.get().end_reason == Reason.CURRICULUM_INACTIVE


def test_reconciliation_runs_the_same_queries_for_ten_or_forty_people():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    curriculum = CurriculumFactory()
    counts = []
    for size in (10, 40):
        Assignment.objects.all().delete()
        for _ in range(size - len(counts) * 10):
            EmployeeFactory()
        with CaptureQueriesContext(connection) as captured:
            services.assignments_reconcile(curriculum_id=curriculum.pk)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_audience_preview_counts_before_saving():
    parks = DepartmentFactory()
    EmployeeFactory(department=parks, job_title="Ranger")
    EmployeeFactory(department=parks, job_title="Clerk")
    EmployeeFactory(job_title="Ranger")
    rule = AudienceRule(department_ids=(parks.pk,), job_titles=("ranger",))
    assert rule.employees(today=timezone.localdate(), for_entry=True).count() == 1
    assert AudienceRule().employees(today=timezone.localdate(), for_entry=True).count() == 3


def test_schedules_exist_after_migrating_and_ensuring_is_idempotent():
    assert set(Schedule.objects.filter(name__in=SCHEDULES).values_list("name", flat=True)) == set(SCHEDULES)
    call_command("ensure_schedules")
    assert Schedule.objects.filter(name__in=SCHEDULES).count() == len(SCHEDULES)


def test_the_nightly_advance_moves_only_the_states_the_table_lets_move():
    curriculum = CurriculumFactory()
    today = timezone.localdate()
    long_ago = timezone.now() - datetime.timedelta(days=400)
    rows = {
        state: Assignment.objects.create(
            curriculum=curriculum,
            user=EmployeeFactory().user,
            state=state,
            state_changed_at=long_ago,
            assigned_at=long_ago,
            due_on=today - datetime.timedelta(days=30),
            window_opens_on=today - datetime.timedelta(days=20),
            expires_on=today - datetime.timedelta(days=1),
        )
        for state in State.values
    }
    moved = services.assignments_advance_by_date(today=today)
    assert moved == {State.EXPIRED: 2, State.WINDOW_OPEN: 0, State.OVERDUE: 2}
    expected = {
        State.ASSIGNED: State.OVERDUE,
        State.IN_PROGRESS: State.OVERDUE,
        State.OVERDUE: State.OVERDUE,
        State.COMPLETE: State.EXPIRED,
        State.WINDOW_OPEN: State.EXPIRED,
        State.EXPIRED: State.EXPIRED,
    }
    for state, row in rows.items():
        row.refresh_from_db()
        assert row.state == expected[state]
        assert (row.state_changed_at == long_ago) == (state == expected[state])


# Exemptions and extensions


def overdue_assignment():
    curriculum = CurriculumFactory(due_days=10)
    person = EmployeeFactory()
    services.assignments_reconcile(today=timezone.localdate() - datetime.timedelta(days=20))
    services.assignments_advance_by_date()
    assignment = Assignment.objects.get(user=person.user, curriculum=curriculum)
    assert assignment.state == State.OVERDUE
    return assignment


def test_an_exemption_lifts_overdue_and_is_audited():
    admin = training_admin()
    assignment = overdue_assignment()
    services.assignment_exempt(assignment=assignment, by=admin, reason="On long-term leave")
    assignment.refresh_from_db()
    assert assignment.exempt and assignment.state == State.ASSIGNED
    assert (assignment.exempted_by, assignment.exemption_reason) == (admin, "On long-term leave")
    event = assignment.events.get(kind=AssignmentEvent.Kind.EXEMPTED)
    assert (event.actor, event.reason) == (admin, "On long-term leave")
    services.assignments_advance_by_date()
    assignment.refresh_from_db()
    assert assignment.state == State.ASSIGNED  # the exempt never go overdue

    services.assignment_exemption_revoke(assignment=assignment, by=admin, reason="Back from leave")
    assignment.refresh_from_db()
    assert not assignment.exempt and assignment.state == State.OVERDUE
    assert assignment.events.filter(kind=AssignmentEvent.Kind.EXEMPTION_REVOKED, actor=admin).exists()


def test_an_extension_moves_the_due_date_and_is_audited_with_both_dates():
    admin = training_admin()
    assignment = overdue_assignment()
    new_due = timezone.localdate() + datetime.timedelta(days=14)
    services.assignment_extend(assignment=assignment, by=admin, due_on=new_due, reason="Medical leave")
    assignment.refresh_from_db()
    assert assignment.state == State.ASSIGNED and assignment.effective_due_on == new_due
    event = assignment.events.get(kind=AssignmentEvent.Kind.EXTENDED)
    assert event.data == {"from": assignment.due_on.isoformat(), "to": new_due.isoformat()}
    assert event.actor == admin


@pytest.mark.parametrize(
    "days, reason",
    [(-1, "Leave"), (5, "   ")],
    ids=["date in the past", "no reason"],
)
def test_a_bad_extension_is_refused_and_changes_nothing(days, reason):
    assignment = overdue_assignment()
    with pytest.raises(InvalidDecision):
        services.assignment_extend(
            assignment=assignment,
            by=training_admin(),
            due_on=timezone.localdate() + datetime.timedelta(days=days),
            reason=reason,
        )
    assignment.refresh_from_db()
    assert assignment.state == State.OVERDUE and assignment.extended_due_on is None
    assert not assignment.events.filter(kind=AssignmentEvent.Kind.EXTENDED).exists()


def test_only_a_training_admin_grants_exemptions_and_extensions():
    assignment = overdue_assignment()
    someone = EmployeeFactory().user
    with pytest.raises(PermissionDenied):
        services.assignment_exempt(assignment=assignment, by=someone, reason="Friend")
    with pytest.raises(PermissionDenied):
        services.assignment_extend(
            assignment=assignment, by=someone, due_on=timezone.localdate() + datetime.timedelta(days=3), reason="x"
        )
    assignment.refresh_from_db()
    assert not assignment.exempt and assignment.extended_due_on is None


def test_an_ended_assignment_cannot_be_changed():
    assignment = overdue_assignment()
    Assignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now(), end_reason=Reason.LEFT_AUDIENCE)
    with pytest.raises(AssignmentEnded):
        services.assignment_exempt(assignment=assignment, by=training_admin(), reason="Leave")
