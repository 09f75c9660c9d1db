"""The preview refuses what Apply would refuse, every apply is audited (failed ones too), a failed
apply changes no row, and a hostile file is refused quickly with a message."""

import pytest
from django.db import DatabaseError

from courses.people.exceptions import ImportRejected
from courses.people.models import Department, Employee, ImportRun
from courses.people.services import employees_import
from tests.factories import DepartmentFactory
from tests.people.factories import hr_csv, hr_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def planning(db):
    return DepartmentFactory(code="planning", name="Planning")


def test_a_department_name_too_long_for_the_database_is_refused_by_the_preview(planning):
    row = hr_row("200001", department_code="newdept", department_name="N" * 201)
    with pytest.raises(ImportRejected) as caught:
        employees_import(data=hr_csv(row), file_name="hr.csv", dry_run=True)
    assert "department_name is longer than 200 characters" in str(caught.value.errors)
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REJECTED


def employees_bulk_create_fails_on_call(monkeypatch, number, error):
    """Make the `number`-th bulk insert of employees raise `error` (the database refusing a chunk)."""
    real = Employee.objects.bulk_create
    calls = []

    def bulk_create(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == number:
            raise error
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Employee.objects, "bulk_create", bulk_create)
    return calls


def test_the_preview_applies_and_rolls_back_so_it_refuses_what_apply_refuses(planning, monkeypatch):
    employees_bulk_create_fails_on_call(monkeypatch, 1, DatabaseError("value too long for type character varying(150)"))
    with pytest.raises(ImportRejected) as caught:
        employees_import(data=hr_csv(hr_row("200001")), file_name="hr.csv", dry_run=True)
    assert caught.value.errors[0][0] == 2  # the line of the row
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REJECTED


def test_a_dry_run_writes_nothing_but_its_audit_record(planning):
    run, plan = employees_import(data=hr_csv(hr_row("200001")), file_name="hr.csv", dry_run=True)
    assert run.outcome == ImportRun.Outcome.DRY_RUN and run.employees_created == 1
    assert not Employee.objects.exists()
    assert ImportRun.objects.get() == run


def test_a_failed_apply_changes_no_row_and_is_audited(planning, monkeypatch, settings):
    settings.IMPORT_CHUNK_ROWS = 1  # the first row is written before the second is refused
    calls = employees_bulk_create_fails_on_call(monkeypatch, 2, DatabaseError("the database refused the row"))
    with pytest.raises(ImportRejected):
        employees_import(data=hr_csv(hr_row("200001"), hr_row("200002")), file_name="hr.csv")
    assert calls == [1, 1]
    assert not Employee.objects.exists()
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REJECTED and run.errors[0][0] == 3


def test_an_apply_that_fails_unexpectedly_is_audited_too(planning, monkeypatch):
    employees_bulk_create_fails_on_call(monkeypatch, 1, RuntimeError("a bug"))
    with pytest.raises(RuntimeError):
        employees_import(data=hr_csv(hr_row("200001")), file_name="hr.csv")
    assert not Employee.objects.exists()
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REJECTED and "unexpectedly" in run.errors[0][1]


def test_a_very_wide_header_is_refused_before_its_columns_are_compared():
    header = ",".join(f"c{number}" for number in range(200_000)).encode()
    with pytest.raises(ImportRejected) as caught:
        employees_import(data=header + b"\n1\n", file_name="hr.csv")
    assert "more than 200 columns" in str(caught.value.errors)


def test_a_nul_character_in_the_file_is_refused_with_its_line(planning):
    data = hr_csv(hr_row("200001", first_name="Mi\x00nh"))
    with pytest.raises(ImportRejected) as caught:
        employees_import(data=data, file_name="hr.csv")
    assert caught.value.errors[0][0] == 2 and "NUL" in caught.value.errors[0][1]
    assert not Department.objects.exclude(code="planning").exists()
