import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.people.exceptions import ImportRejected
from courses.people.hr_import import plan_import
from courses.people.models import Department, Employee, ImportRun
from courses.people.services import employees_import
from courses.people.signals import employees_changed
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory
from tests.people.factories import HEADER, hr_csv, hr_row

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def planning(db):
    city = DepartmentFactory(code="city", name="City Manager's Office")
    planning = DepartmentFactory(code="planning", name="Planning", parent=city)
    return Department.objects.get(pk=planning.pk)


def snapshot():
    return (
        list(Employee.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values()),
        list(Department.objects.order_by("pk").values()),
    )


def rejected_errors(data):
    before = snapshot()
    with pytest.raises(ImportRejected) as caught:
        employees_import(data=data, file_name="hr.csv")
    assert snapshot() == before
    return caught.value.errors


def test_import_creates_employees_and_their_accounts(planning):
    run, _plan = employees_import(
        data=hr_csv(hr_row("200001"), hr_row("200002", first_name="Minh")), file_name="hr.csv"
    )
    assert run.outcome == ImportRun.Outcome.APPLIED
    assert run.employees_created == 2
    employee = Employee.objects.select_related("user").get(employee_number="200001")
    assert employee.department == planning
    assert employee.user.first_name == "Lucía"
    assert employee.user.username == "200001"
    assert not employee.user.has_usable_password()
    assert employee.hire_date == datetime.date(2021, 4, 12)
    assert employee.preferred_language == "es"


def test_import_updates_by_employee_number_and_reports_changed_fields(planning):
    other = DepartmentFactory(code="water", name="Water", parent=planning.get_parent())
    employee = EmployeeFactory(employee_number="200001", department=planning, job_title="Planner")
    plan = plan_import(
        hr_csv(
            hr_row(
                "200001",
                department_code="water",
                job_title="Hydrologist",
                first_name=employee.user.first_name,
                last_name=employee.user.last_name,
                email=employee.user.email,
                hire_date="2020-01-06",
                preferred_language="en",
            )
        )
    )
    assert [row.action for row in plan.rows] == ["update"]
    assert plan.rows[0].changes == {"department": ("planning", "water"), "job_title": ("Planner", "Hydrologist")}
    employees_import(data=hr_csv(hr_row("200001", department_code="water")), file_name="hr.csv")
    employee.refresh_from_db()
    assert employee.department == other
    assert Employee.objects.count() == 1


def test_importing_the_same_file_twice_changes_nothing_the_second_time(planning):
    data = hr_csv(hr_row("200001"), hr_row("200002"))
    employees_import(data=data, file_name="hr.csv")
    before = snapshot()
    run, plan = employees_import(data=data, file_name="hr.csv")
    assert run.employees_unchanged == 2 and run.employees_created == 0 and run.employees_updated == 0
    assert snapshot()[0:2] == before[0:2]


def test_dry_run_writes_nothing_but_plans_and_audits(planning):
    before = snapshot()
    run, plan = employees_import(
        data=hr_csv(
            hr_row(
                "200001", department_code="equity-data", department_name="Equity data", parent_department_code="city"
            )
        ),
        file_name="hr.csv",
        dry_run=True,
    )
    assert snapshot() == before
    assert run.outcome == ImportRun.Outcome.DRY_RUN
    assert (run.employees_created, run.departments_created) == (1, 1)
    assert [row.action for row in plan.rows] == ["create"]


def test_import_creates_departments_under_their_parent_and_puts_people_in_them(planning):
    data = hr_csv(
        hr_row("200001", department_code="planning-gis", department_name="GIS", parent_department_code="planning-data"),
        hr_row(
            "200002",
            department_code="planning-data",
            department_name="Planning Data",
            parent_department_code="planning",
        ),
    )
    run, _plan = employees_import(data=data, file_name="hr.csv")
    assert run.departments_created == 2
    gis = Department.objects.get(code="planning-gis")
    assert gis.get_parent().code == "planning-data"
    assert gis.get_parent().get_parent() == planning
    assert Employee.objects.get(employee_number="200001").department == gis


def test_deactivating_keeps_the_records_and_sets_deactivated_at(planning):
    employees_import(data=hr_csv(hr_row("200001")), file_name="hr.csv")
    employees_import(data=hr_csv(hr_row("200001", active="false")), file_name="hr.csv")
    employee = Employee.objects.select_related("user").get(employee_number="200001")
    assert not employee.active
    assert employee.deactivated_at is not None
    assert not employee.user.is_active
    employees_import(data=hr_csv(hr_row("200001", active="true")), file_name="hr.csv")
    employee.refresh_from_db()
    assert employee.active and employee.deactivated_at is None


def test_employees_changed_is_sent_after_commit_for_tracked_changes_only(planning, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, changes, **kwargs):
        received.append({employee_id: sorted(fields) for employee_id, fields in changes.items()})

    employees_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            employees_import(data=hr_csv(hr_row("200001")), file_name="hr.csv")
        assert received == []  # not before the commit
        for callback in callbacks:
            callback()
        employee = Employee.objects.get(employee_number="200001")
        assert received == [{employee.pk: ["active", "department", "hire_date", "job_title"]}]
        received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            employees_import(data=hr_csv(hr_row("200001", email="new@city.example")), file_name="hr.csv")
        assert received == []  # an e-mail change is not tracked
        with django_capture_on_commit_callbacks(execute=True):
            employees_import(data=hr_csv(hr_row("200001", job_title="Senior Planner")), file_name="hr.csv")
        assert received == [{employee.pk: ["job_title"]}]
    finally:
        employees_changed.disconnect(listener)


def test_a_blank_language_keeps_the_employees_own_choice(planning):
    employees_import(data=hr_csv(hr_row("200001", preferred_language="vi")), file_name="hr.csv")
    employees_import(data=hr_csv(hr_row("200001", preferred_language="")), file_name="hr.csv")
    assert Employee.objects.get(employee_number="200001").preferred_language == "vi"


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"department_code": "nowhere"}, "Unknown department code"),
        ({"hire_date": "12/04/2021"}, "not a date"),
        ({"hire_date": "2021-02-30"}, "not a date"),
        ({"preferred_language": "klingon"}, "Unknown language"),
        ({"active": "maybe"}, "active must be true or false"),
        ({"email": "not-an-address"}, "not an e-mail address"),
        ({"first_name": ""}, "first_name is empty"),
        ({"employee_number": ""}, "employee_number is empty"),
        ({"department_code": "new-team", "parent_department_code": "planning"}, "needs a department_name"),
        (
            {"department_code": "new-team", "department_name": "New", "parent_department_code": "nope"},
            "Unknown parent department code",
        ),
    ],
)
def test_a_bad_row_rejects_the_whole_file_with_its_line_and_reason(planning, override, reason):
    errors = rejected_errors(hr_csv(hr_row("200001"), hr_row("200002", **override), hr_row("200003")))
    assert [line for line, _message in errors] == [3] * len(errors)
    assert any(reason in message for _line, message in errors), errors
    assert not Employee.objects.exists()


def test_a_duplicate_employee_number_names_both_lines(planning):
    errors = rejected_errors(hr_csv(hr_row("200001"), hr_row("200002"), hr_row("200001")))
    assert errors == [(4, "Employee number 200001 appears twice in the file (first on line 2).")]


def test_employee_numbers_differing_only_in_case_are_duplicates(planning):
    errors = rejected_errors(hr_csv(hr_row("A200001"), hr_row("a200001")))
    assert errors == [(3, "Employee number a200001 appears twice in the file (first on line 2).")]


def test_every_bad_row_is_listed(planning):
    errors = rejected_errors(
        hr_csv(hr_row("200001", department_code="x"), hr_row("200002"), hr_row("200003", hire_date="soon"))
    )
    assert [line for line, _message in errors] == [2, 4]


def test_a_missing_column_is_reported_on_the_header_line(planning):
    row = hr_row("200001")
    del row["hire_date"]
    data = hr_csv(row, columns=[column for column in HEADER if column != "hire_date"])
    errors = rejected_errors(data)
    assert errors == [(1, "Missing columns: hire_date.")]


def test_a_file_that_is_not_utf8_is_rejected_with_its_bad_lines(planning):
    plain = hr_row("200001", first_name="Ana", last_name="Lopez")
    data = hr_csv(plain, hr_row("200002", first_name="Ana", last_name="Muñoz"), encoding="latin-1")
    errors = rejected_errors(data)
    assert [line for line, _message in errors] == [3]
    assert "UTF-8" in errors[0][1]


def test_a_utf16_file_is_rejected(planning):
    errors = rejected_errors(hr_csv(hr_row("200001")).decode().encode("utf-16"))
    assert "UTF-16" in errors[0][1]


def test_a_utf8_file_with_a_byte_order_mark_is_read(planning):
    run, _plan = employees_import(data=b"\xef\xbb\xbf" + hr_csv(hr_row("200001")), file_name="hr.csv")
    assert run.employees_created == 1


def test_a_new_login_name_that_belongs_to_another_account_is_refused(planning):
    UserFactory(username="200001")
    errors = rejected_errors(hr_csv(hr_row("200001")))
    assert errors[0][0] == 2 and "already called" in errors[0][1]


def test_an_empty_file_and_a_header_only_file_are_rejected(planning):
    assert rejected_errors(b"")[0][0] == 1
    assert "no employees" in rejected_errors(hr_csv())[0][1]


def test_nothing_is_written_when_a_later_row_is_bad_even_with_new_departments(planning):
    data = hr_csv(
        hr_row("200001", department_code="new-team", department_name="New team", parent_department_code="planning"),
        hr_row("200002", hire_date="yesterday"),
    )
    rejected_errors(data)
    assert not Department.objects.filter(code="new-team").exists()


def test_a_rejected_import_is_audited_with_its_problems(planning):
    with pytest.raises(ImportRejected) as caught:
        employees_import(data=hr_csv(hr_row("200001", active="maybe")), file_name="bad.csv")
    run = ImportRun.objects.get()
    assert caught.value.run == run
    assert run.outcome == ImportRun.Outcome.REJECTED
    assert run.file_name == "bad.csv"
    assert run.errors == [[2, "active must be true or false, not “maybe”."]]


def test_a_department_cannot_be_moved_inside_itself(planning):
    data = hr_csv(hr_row("200001", department_code="city", parent_department_code="planning"))
    errors = rejected_errors(data)
    assert "inside itself" in errors[0][1]


def test_command_dry_run_lists_each_row_and_writes_nothing(planning, tmp_path):
    EmployeeFactory(employee_number="200002", department=planning)
    path = tmp_path / "hr.csv"
    path.write_bytes(hr_csv(hr_row("200001"), hr_row("200002", job_title="Zoning Planner")))
    out = io.StringIO()
    call_command("import_employees", str(path), "--dry-run", stdout=out)
    output = out.getvalue()
    assert "line 2: create 200001 Lucía Martínez" in output
    assert "line 3: update 200002" in output and "job_title: Analyst → Zoning Planner" in output
    assert "Dry run" in output
    assert not Employee.objects.filter(employee_number="200001").exists()


def test_command_applies_and_reports_counts(planning, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(hr_csv(hr_row("200001")))
    out = io.StringIO()
    call_command("import_employees", str(path), stdout=out)
    assert "1 employees created" in out.getvalue()
    assert Employee.objects.filter(employee_number="200001").exists()
    assert ImportRun.objects.get().source == ImportRun.Source.COMMAND


def test_command_rejects_a_bad_file_listing_every_line(planning, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(hr_csv(hr_row("200001", hire_date="x"), hr_row("200002", department_code="zz")))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems"):
        call_command("import_employees", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 2:" in err.getvalue() and "line 3:" in err.getvalue()
    assert not Employee.objects.exists()


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_employees", str(tmp_path / "missing.csv"))
