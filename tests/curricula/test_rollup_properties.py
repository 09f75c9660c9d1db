"""Property: whatever happens to people, departments and assignments, the compliance rollup equals
the aggregate of the assignments themselves, and the compliance report read from it equals the one
computed from every assignment (for a training admin and for a department head)."""

import datetime
from contextlib import suppress

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.curricula import services
from courses.curricula.exceptions import CurriculumError
from courses.curricula.models import Curriculum
from courses.people.models import Department, Employee
from courses.people.services import department_save, employee_update
from tests.curricula.factories import (
    CurriculumFactory,
    complete,
    compliance_from_assignments,
    compliance_from_rollup,
    rollup_matches_assignments,
)
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db

PERSON = st.integers(0, 40)
DEPARTMENT = st.integers(0, 4)
OPERATIONS = st.one_of(
    st.tuples(st.just("hire"), DEPARTMENT),
    st.tuples(st.just("complete"), PERSON, st.integers(0, 2)),
    st.tuples(st.just("exempt"), PERSON),
    st.tuples(st.just("revoke"), PERSON),
    st.tuples(st.just("extend"), PERSON),
    st.tuples(st.just("transfer"), PERSON, DEPARTMENT),
    st.tuples(st.just("deactivate"), PERSON),
    st.tuples(st.just("reactivate"), PERSON),
    st.tuples(st.just("reparent"), DEPARTMENT, st.integers(-1, 4)),
    st.tuples(st.just("advance"), st.integers(1, 400)),
    st.tuples(st.just("delete"), PERSON),
)


class World:
    """Five departments (City > Parks > Trails, City > Police > Patrol), two curricula (everyone,
    recertifying yearly; Parks' subtree, two courses), three people, a training admin and the head
    of Parks."""

    def __init__(self):
        city = DepartmentFactory(name="City")
        parks = DepartmentFactory(name="Parks", parent=city)
        trails = DepartmentFactory(name="Trails", parent=parks)
        police = DepartmentFactory(name="Police", parent=city)
        patrol = DepartmentFactory(name="Patrol", parent=police)
        self.department_ids = [d.pk for d in (city, parks, trails, police, patrol)]
        self.courses = [CourseFactory(title=f"Course {i}") for i in range(3)]
        CurriculumFactory(name="Everyone", courses=self.courses[:1], due_days=20, recert_period_months=12)
        CurriculumFactory(name="Parks only", courses=self.courses[1:], due_days=40, departments=[parks])
        self.admin = training_admin()
        self.head = EmployeeFactory(department=parks).user
        parks.heads.add(self.head)
        self.today = timezone.localdate()
        for department in (parks, trails, patrol):
            EmployeeFactory(department=department)
        services.assignments_reconcile(today=self.today)

    def department(self, index) -> Department:
        return Department.objects.get(pk=self.department_ids[index])

    def person(self, index) -> Employee | None:
        people = list(Employee.objects.order_by("pk"))
        return people[index % len(people)] if people else None

    def reconcile(self, employee):
        services.assignments_reconcile(user_ids=[employee.user_id], today=self.today)

    def run(self, operation):
        name, *args = operation
        getattr(self, f"do_{name}")(*args)

    def do_hire(self, department):
        self.reconcile(EmployeeFactory(department=self.department(department)))

    def do_complete(self, person, course):
        employee = self.person(person)
        if employee is not None:
            when = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time(10)))
            complete(employee.user, self.courses[course], when)
            services.assignments_evaluate_for_user(user_id=employee.user_id, today=self.today)

    def _assignment(self, person):
        employee = self.person(person)
        if employee is None:
            return None
        return employee.user.curriculum_assignments.filter(ended_at__isnull=True).order_by("pk").first()

    def _decide(self, person, decision, **kwargs):
        assignment = self._assignment(person)
        if assignment is None:
            return
        with suppress(CurriculumError):  # refused (already exempt, not exempt…): nothing changed
            decision(assignment=assignment, by=self.admin, reason="Property test", **kwargs)

    def do_exempt(self, person):
        self._decide(person, services.assignment_exempt)

    def do_revoke(self, person):
        self._decide(person, services.assignment_exemption_revoke)

    def do_extend(self, person):
        assignment = self._assignment(person)
        if assignment is not None:
            later = max(timezone.localdate(), assignment.effective_due_on) + datetime.timedelta(days=10)
            self._decide(person, services.assignment_extend, due_on=later)

    def do_transfer(self, person, department):
        employee = self.person(person)
        if employee is not None:
            employee_update(employee=employee, department=self.department(department))
            self.reconcile(employee)

    def _set_active(self, person, active):
        employee = self.person(person)
        if employee is not None:
            employee_update(employee=employee, active=active)
            self.reconcile(employee)

    def do_deactivate(self, person):
        self._set_active(person, False)

    def do_reactivate(self, person):
        self._set_active(person, True)

    def do_reparent(self, department, parent):
        with suppress(ValidationError):  # a department cannot go below itself: refused, nothing changed
            department_save(
                department=self.department(department), parent=None if parent < 0 else self.department(parent)
            )

    def do_advance(self, days):
        self.today += datetime.timedelta(days=days)
        services.assignments_advance_by_date(today=self.today)

    def do_delete(self, person):
        employee = self.person(person)
        if employee is not None:
            employee.user.delete()


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(OPERATIONS, min_size=1, max_size=12))
def test_the_rollup_equals_the_assignments_after_any_sequence_of_changes(operations):
    with transaction.atomic():
        world = World()
        assert rollup_matches_assignments()
        for operation in operations:
            world.run(operation)
            assert rollup_matches_assignments(), operation
        for viewer in (world.admin, world.head):
            assert compliance_from_rollup(viewer) == compliance_from_assignments(viewer)
            for curriculum_id in [None, *Curriculum.objects.values_list("pk", flat=True)]:
                department = world.department(1)  # Parks: the head's own, wherever it moved
                assert compliance_from_rollup(viewer, curriculum_id=curriculum_id, department=department) == (
                    compliance_from_assignments(viewer, curriculum_id=curriculum_id, department=department)
                )
        transaction.set_rollback(True)
