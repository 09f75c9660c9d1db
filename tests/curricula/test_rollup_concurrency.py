"""Many writers at once on the same rollup rows: the counts stay exact and nobody deadlocks.

On PostgreSQL the writers wait on the rollup rows' locks (taken in primary-key order); on SQLite
writers are serialised, and one that finds the database busy retries its whole transaction, as the
registration services do."""

import queue
import threading
import time

import pytest
from django.db import OperationalError, connections

from courses.curricula import selectors, services
from courses.curricula.models import Assignment
from courses.people.models import Employee
from courses.people.services import employee_update
from tests.curricula.factories import CurriculumFactory, rollup_matches_assignments
from tests.factories import DepartmentFactory, EmployeeFactory, training_admin

THREADS = 6


def _retrying(write):
    deadline = time.monotonic() + 60
    while True:
        try:
            return write()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_concurrent_exemptions_and_transfers_of_the_same_people_keep_the_counts_exact():
    root = DepartmentFactory(name="City")
    parks = DepartmentFactory(name="Parks", parent=root)
    police = DepartmentFactory(name="Police", parent=root)
    CurriculumFactory(name="Foundations")
    people = [EmployeeFactory(department=parks) for _ in range(12)]
    services.assignments_reconcile()
    admin = training_admin()
    jobs = queue.Queue()
    for employee in people:  # each person's two changes side by side, so they race each other
        jobs.put(("exempt", employee.pk))
        jobs.put(("transfer", employee.pk))
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(kind, employee_id):
        employee = Employee.objects.select_related("user").get(pk=employee_id)
        if kind == "transfer":
            employee_update(employee=employee, department=police)
        else:
            assignment = Assignment.objects.get(user_id=employee.user_id, ended_at__isnull=True)
            services.assignment_exempt(assignment=assignment, by=admin, reason="Seasonal staff")

    def worker():
        try:
            barrier.wait(timeout=60)
            while True:
                try:
                    kind, employee_id = jobs.get_nowait()
                except queue.Empty:
                    return
                try:
                    _retrying(lambda kind=kind, employee_id=employee_id: run(kind, employee_id))
                except Exception as error:  # noqa: BLE001 - every error fails the test
                    errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    assert rollup_matches_assignments()
    rows, total = selectors.compliance_by_department(admin)
    own = {row.department.name: row.own for row in rows}
    assert (own["Parks"].assigned, own["Police"].assigned, own["Police"].exempt) == (0, 12, 12)
    assert total.assigned == 12
