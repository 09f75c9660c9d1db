"""An HR file is applied in chunks of IMPORT_CHUNK_ROWS rows inside one transaction: each chunk is
checked and written in bulk, progress grows chunk by chunk, and a chunk that fails half-way through
the file undoes every chunk before it (all or nothing, audited as before)."""

import io

import pytest
from django.contrib.auth import get_user_model

from courses.curricula import rollups
from courses.curricula.models import Assignment
from courses.people import services
from courses.people.exceptions import ImportRejected
from courses.people.models import Department, Employee, ImportRun
from courses.people.services import employees_import
from lms.import_jobs import ImportProgress
from tests.curricula.factories import CurriculumFactory
from tests.factories import DepartmentFactory, EmployeeFactory
from tests.people.factories import hr_csv, hr_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chunks_of_two(import_chunks):
    return import_chunks


@pytest.fixture
def planning(db):
    return DepartmentFactory(code="planning", name="Planning")


def five_new_rows(**last_row):
    rows = [hr_row(f"40000{index}") for index in range(1, 5)]
    return hr_csv(*rows, hr_row("400005", **last_row))


def test_the_file_is_written_chunk_by_chunk_and_progress_follows(planning, chunks_of_two):
    written = chunks_of_two(services)
    progress = ImportProgress()
    run, plan = employees_import(file=io.BytesIO(five_new_rows()), file_name="hr.csv", progress=progress)
    assert written == [[2, 3], [4, 5], [6]]
    assert run.outcome == ImportRun.Outcome.APPLIED
    assert (run.rows, run.employees_created) == (5, 5)
    assert Employee.objects.filter(employee_number__startswith="40000").count() == 5
    assert (progress.rows_checked, progress.rows_written) == (5, 5)


def test_a_bad_row_in_the_last_chunk_undoes_the_chunks_already_written(planning, chunks_of_two):
    written = chunks_of_two(services)
    data = hr_csv(
        hr_row("400001", department_code="newdept", department_name="New department"),
        *[hr_row(f"40000{index}") for index in range(2, 5)],
        hr_row("400005", hire_date="someday"),
    )
    with pytest.raises(ImportRejected) as caught:
        employees_import(file=io.BytesIO(data), file_name="hr.csv")
    assert written == [[2, 3], [4, 5]], "the chunks before the bad row were written, then rolled back"
    assert [line for line, _message in caught.value.errors] == [6]
    assert not Employee.objects.exists()
    assert not get_user_model().objects.filter(username__startswith="40000").exists()
    assert not Department.objects.filter(code="newdept").exists()
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REJECTED and run.errors == [[6, caught.value.errors[0][1]]]


def test_every_problem_after_the_first_is_still_reported(planning):
    data = hr_csv(
        hr_row("400001", hire_date="someday"), hr_row("400002"), hr_row("400003"), hr_row("400004", active="?")
    )
    with pytest.raises(ImportRejected) as caught:
        employees_import(file=io.BytesIO(data), file_name="hr.csv")
    assert [line for line, _message in caught.value.errors] == [2, 5]
    assert not Employee.objects.exists()


def test_the_database_refusing_a_later_chunk_changes_nothing_and_is_audited(planning, second_bulk_insert_fails):
    existing = EmployeeFactory(employee_number="400001", department=planning, job_title="Planner")
    calls = second_bulk_insert_fails(Employee.objects)
    data = hr_csv(hr_row("400001", job_title="Senior planner"), *[hr_row(f"40000{index}") for index in range(2, 6)])
    with pytest.raises(ImportRejected) as caught:
        employees_import(file=io.BytesIO(data), file_name="hr.csv")
    assert calls == [1, 2]
    assert caught.value.errors == [(4, caught.value.errors[0][1])]
    assert "lines 4 and 5" in caught.value.errors[0][1]
    existing.refresh_from_db()
    assert existing.job_title == "Planner", "the first chunk's update was rolled back too"
    assert list(Employee.objects.all()) == [existing]
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REJECTED


def test_updates_moves_and_departures_across_chunks(planning, django_capture_on_commit_callbacks):
    parks = DepartmentFactory(code="parks", name="Parks")
    curriculum = CurriculumFactory(departments=[parks])
    stays = EmployeeFactory(employee_number="400001", department=planning, job_title="Planner")
    moves = EmployeeFactory(employee_number="400002", department=parks, job_title="Planner")
    leaves = EmployeeFactory(employee_number="400003", department=parks, job_title="Planner")
    with django_capture_on_commit_callbacks(execute=True):
        from courses.curricula.services import assignments_reconcile

        assignments_reconcile()
    assert set(Assignment.objects.filter(ended_at__isnull=True).values_list("user_id", flat=True)) == {
        moves.user_id,
        leaves.user_id,
    }
    data = hr_csv(
        hr_row("400001", email=stays.user.email, first_name=stays.user.first_name, last_name=stays.user.last_name),
        hr_row("400002", department_code="planning"),
        hr_row("400003", department_code="parks", active="false"),
        hr_row("400004", department_code="parks"),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run, _plan = employees_import(file=io.BytesIO(data), file_name="hr.csv")
    assert (run.employees_created, run.employees_updated) == (1, 3)
    moves.refresh_from_db()
    leaves.refresh_from_db()
    assert moves.department == planning
    assert not leaves.active and not leaves.user.is_active and leaves.deactivated_at is not None
    # The rollup followed the move and the departure inside the import's transaction …
    assert rollup_counts() == truth_counts()
    assert len(callbacks) == 2, "one announcement per chunk"
    # … and after the commit one task per chunk reconciled the people who changed.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    current = Assignment.objects.filter(ended_at__isnull=True, curriculum=curriculum)
    newcomer = Employee.objects.get(employee_number="400004")
    assert set(current.values_list("user_id", flat=True)) == {newcomer.user_id}
    assert rollup_counts() == truth_counts()


def rollup_counts():
    return {key: n for key, (_pk, n) in rollups.rollup_stored().items() if n}


def truth_counts():
    return {key: n for key, n in rollups.rollup_truth().items() if n}


def test_people_the_import_deactivates_leave_their_sessions(planning, monkeypatch, django_capture_on_commit_callbacks):
    from courses.scheduling import receivers

    leaves = EmployeeFactory(employee_number="400001", department=planning)
    EmployeeFactory(employee_number="400002", department=planning)
    queued = []
    monkeypatch.setattr(receivers, "async_task", lambda task, *args, **kwargs: queued.append((task, args)))
    data = hr_csv(hr_row("400001", active="false"), hr_row("400002", job_title="Senior planner"))
    with django_capture_on_commit_callbacks(execute=True):
        employees_import(file=io.BytesIO(data), file_name="hr.csv")
    assert queued == [(receivers.tasks.employee_departure, (leaves.user_id,))]


@pytest.mark.parametrize("as_file", [False, True])
def test_a_file_with_carriage_returns_only_reads_line_by_line(planning, as_file):
    from django.core.files.base import File

    data = hr_csv(hr_row("400001"), hr_row("400002")).replace(b"\n", b"\r")
    source = {"file": File(io.BytesIO(data))} if as_file else {"data": data}
    run, _plan = employees_import(**source, file_name="hr.csv")
    assert run.employees_created == 2


def test_the_command_streams_the_file_in_chunks(planning, tmp_path, chunks_of_two, monkeypatch):
    from django.core.management import call_command

    from courses.people.management.commands import import_employees

    given = []
    real = import_employees.employees_import
    monkeypatch.setattr(import_employees, "employees_import", lambda **kwargs: given.append(kwargs) or real(**kwargs))
    written = chunks_of_two(services)
    path = tmp_path / "hr.csv"
    path.write_bytes(five_new_rows())
    out = io.StringIO()
    call_command("import_employees", str(path), stdout=out)
    assert "data" not in given[0] and given[0]["file"].name == str(path), "the open file, not its bytes"
    assert written == [[2, 3], [4, 5], [6]], "read from disk and written chunk by chunk"
    listed = [line for line in out.getvalue().splitlines() if line.startswith("line ")]
    assert [line.split(":")[0] for line in listed] == [f"line {number}" for number in range(2, 7)]
    assert "5 employees created" in out.getvalue()
    assert Employee.objects.count() == 5
    assert ImportRun.objects.get().source == ImportRun.Source.COMMAND


def test_a_late_bad_row_makes_the_command_change_nothing(planning, tmp_path, chunks_of_two):
    from django.core.management import CommandError, call_command

    written = chunks_of_two(services)
    path = tmp_path / "hr.csv"
    path.write_bytes(five_new_rows(hire_date="someday"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_employees", str(path), stdout=io.StringIO(), stderr=err)
    assert written == [[2, 3], [4, 5]], "two chunks were written before the bad row, then rolled back"
    assert err.getvalue().startswith("line 6:")
    assert not Employee.objects.exists()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REJECTED
