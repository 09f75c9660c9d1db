"""HR files: read a CSV export of employees and plan what importing it would change.

This module only reads. `checked_chunks(stream, …)` checks a file of any size a chunk of rows at a
time and yields, per row, whether the employee would be created, updated (with the changed fields)
or left unchanged; `plan_departments` the departments the file creates or changes; problems are
(line number, reason). `preview_import` and `plan_import(data)` collect them without writing;
`courses.people.services.employees_import` writes each clean chunk as it comes, in one transaction
that any problem rolls back.

Columns (a header row, any order, UTF-8): employee_number, first_name, last_name, email,
department_code, job_title, hire_date (YYYY-MM-DD), preferred_language, active (true/false); and
optionally department_name and parent_department_code, which create a department that does not
exist yet (or rename or move one that does). Employees missing from the file are left alone.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lms.csv_import import PREVIEW_ROWS, CheckedRows, FirstProblems, Problems, stream_import_rows

from .models import Department, Employee

REQUIRED_COLUMNS = (
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "department_code",
    "job_title",
    "hire_date",
    "preferred_language",
    "active",
)
OPTIONAL_COLUMNS = ("department_name", "parent_department_code")
# Rows and bytes a file may have (settings IMPORT_MAX_ROWS, IMPORT_MAX_BYTES); read when a file is checked.
MAX_ROWS = settings.IMPORT_MAX_ROWS

TRUE_WORDS = {"true", "yes", "y", "1", "active"}
FALSE_WORDS = {"false", "no", "n", "0", "inactive"}
NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
CODE_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")

# Fields of an employee that the file sets, in the order changes are shown.
EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "department",
    "job_title",
    "hire_date",
    "preferred_language",
    "active",
)


def username_for(employee_number: str) -> str:
    """The login name of an employee created from an HR file: their employee number."""
    return employee_number.lower()


@dataclass
class DepartmentPlan:
    line: int
    code: str
    name: str
    parent_code: str | None
    action: str  # "create", "update" or "unchanged"
    changes: dict = field(default_factory=dict)  # field -> (old, new)


@dataclass(slots=True)
class RowPlan:
    line: int
    employee_number: str
    name: str
    action: str  # "create", "update" or "unchanged"
    values: dict  # field -> new value (department as its code)
    changes: dict = field(default_factory=dict)  # field -> (old, new), shown to people


@dataclass
class ImportPreview(CheckedRows):
    """What checking a file keeps (lms.csv_import.CheckedRows: counts, the first rows, the first
    problems), and every department it touches, parents first."""

    departments: list = field(default_factory=list)

    def department_count(self, action):
        return sum(1 for department in self.departments if department.action == action)


# The plan of a file checked whole: every row, every problem.
ImportPlan = ImportPreview


def departments_by_code() -> dict:
    return {department.code: department for department in Department.objects.all()}


def plan_departments(stream, departments: dict, problems) -> list:
    """The departments the binary CSV `stream` creates, renames or moves, parents first, read in one
    pass over the file (its row problems are left to `checked_chunks`)."""
    return _plan_departments(_stream_rows(stream, Problems()), departments, problems)


def checked_chunks(stream, problems, *, known_codes: set, lock: bool = False, chunk_rows: int = 0, progress=None):
    """Check every row of the binary CSV `stream` against the database, `chunk_rows` rows
    (settings.IMPORT_CHUNK_ROWS) at a time, and yield each chunk's good rows as ([RowPlan], {employee
    number: Employee}), the employees they name (locked for update with `lock`; call inside a
    transaction). Problems go to `problems`; a row counted there is not yielded. Only one chunk is
    held at a time, plus the employee numbers seen (to find one given twice)."""
    chunk_rows = chunk_rows or settings.IMPORT_CHUNK_ROWS
    first_line = {}

    def check(chunk):
        numbers = [record["employee_number"] for _line, record in chunk if record["employee_number"]]
        existing = Employee.objects.select_related("user", "department").filter(employee_number__in=numbers)
        if lock:
            existing = existing.select_for_update(of=("self",))
        existing = {employee.employee_number: employee for employee in existing}
        taken_usernames = _usernames_taken_by_others(numbers, existing)
        rows = []
        for index, (line, record) in enumerate(chunk):
            chunk[index] = None  # the record's dict goes as its plan comes: one chunk's worth at a time
            row = _plan_row(line, record, existing, known_codes, taken_usernames, first_line, problems)
            if row is not None:
                rows.append(row)
            if progress is not None:
                progress.checked()
        return rows, existing

    chunk = []
    for line, record in _stream_rows(stream, problems):
        chunk.append((line, record))
        if len(chunk) >= chunk_rows:
            yield check(chunk)
            chunk = []
    if chunk:
        yield check(chunk)


def preview_import(stream, *, progress=None, keep_rows: int | None = PREVIEW_ROWS, problems=None) -> ImportPreview:
    """Check every row of the binary CSV `stream` (an open file) against the database. Never writes.
    Streaming: the file is read twice (departments, then rows), rows are checked IMPORT_CHUNK_ROWS at
    a time, and only the counts, the first `keep_rows` rows and the first problems are kept, so
    memory stays flat whatever the file's size."""
    problems = FirstProblems() if problems is None else problems
    preview = ImportPreview(keep_rows=keep_rows)
    departments = departments_by_code()
    preview.departments = plan_departments(stream, departments, problems)
    known_codes = set(departments) | {d.code for d in preview.departments}
    for rows, _existing in checked_chunks(stream, problems, known_codes=known_codes, progress=progress):
        for row in rows:
            preview.add(row)
    preview.row_count = sum(preview.counts.values())
    preview.finish(problems)
    return preview


def _stream_rows(stream, problems):
    return stream_import_rows(
        stream,
        problems,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        empty_message=_("The file is empty: it needs a header row and one row per employee."),
        no_rows_message=_("The file has a header row but no employees."),
    )


def plan_import(data: bytes, *, progress=None) -> ImportPlan:
    """Check every row of the CSV `data` against the database and plan the import, keeping every
    row and every problem. Never writes."""
    return preview_import(File(io.BytesIO(data)), progress=progress, keep_rows=None, problems=Problems())


def _plan_departments(records, departments, problems):
    """Departments the file creates, renames or moves, parents first."""
    by_path = {department.path: department for department in departments.values()}
    step = Department.steplen
    current_parent = {
        code: (by_path[d.path[:-step]].code if d.depth > 1 and d.path[:-step] in by_path else None)
        for code, d in departments.items()
    }
    defined = {}  # code -> (line, name, parent_code)
    for line, record in records:
        code, name, parent = record["department_code"], record["department_name"], record["parent_department_code"]
        if not code or not (name or parent):
            continue
        if code in defined:
            first_line, first_name, first_parent = defined[code]
            if (name or first_name) != first_name or (parent or first_parent) != first_parent:
                problems.add(
                    line,
                    _("Department “%(code)s” is described differently on line %(first)d.")
                    % {"code": code, "first": first_line},
                )
            continue
        if not CODE_PATTERN.match(code) or len(code) > 50:
            continue  # reported with the row
        if code not in departments and not name:
            problems.add(line, _("New department “%(code)s” needs a department_name.") % {"code": code})
            continue
        if len(name) > 200:
            problems.add(line, _("department_name is longer than 200 characters."))
            continue
        defined[code] = (line, name, parent or None)

    final_parent = dict(current_parent)
    for code, (line, _name, parent) in defined.items():
        if parent is None:
            final_parent.setdefault(code, None)
            continue
        if parent not in departments and parent not in defined:
            problems.add(line, _("Unknown parent department code “%(code)s”.") % {"code": parent})
            final_parent.setdefault(code, None)
            continue
        final_parent[code] = parent

    plans, depth = [], {}
    for code, (line, name, parent) in defined.items():
        seen, walker, cycle = set(), code, False
        while walker is not None:
            if walker in seen:
                cycle = True
                break
            seen.add(walker)
            walker = final_parent.get(walker)
        if cycle:
            problems.add(line, _("Department “%(code)s” would end up inside itself.") % {"code": code})
            continue
        depth[code] = len(seen)
        existing = departments.get(code)
        if existing is None:
            plans.append(DepartmentPlan(line, code, name, parent, "create"))
            continue
        changes = {}
        if name and name != existing.name:
            changes["name"] = (existing.name, name)
        if parent is not None and parent != current_parent[code]:
            changes["parent"] = (current_parent[code] or "", parent)
        plan = DepartmentPlan(line, code, name or existing.name, parent, "update" if changes else "unchanged", changes)
        plans.append(plan)
    plans.sort(key=lambda plan: (depth[plan.code], plan.line))
    return plans


def _usernames_taken_by_others(numbers, existing):
    """Login names a new employee would get that already belong to another account."""
    wanted = {username_for(number): number for number in numbers if number not in existing}
    User = get_user_model()
    return {
        wanted[username]
        for username in User.objects.filter(username__in=list(wanted)).values_list("username", flat=True)
        if username in wanted
    }


def _parse_bool(value):
    lowered = value.lower()
    if lowered == "" or lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ValueError


def _language(value):
    if not value:
        return ""
    codes = {code.lower(): code for code, _name in settings.LANGUAGES}
    lowered = value.lower().replace("_", "-")
    if lowered in codes:
        return codes[lowered]
    if lowered in {"zh", "zh-cn"} and "zh-hans" in codes:
        return codes["zh-hans"]
    raise ValueError


def _plan_row(line, record, existing, known_codes, taken_usernames, first_line, problems):
    errors_before = problems.total
    number = record["employee_number"]
    if not number:
        problems.add(line, _("employee_number is empty."))
    elif not NUMBER_PATTERN.match(number) or len(number) > 32:
        problems.add(
            line,
            _("Employee number “%(number)s” may only have letters, digits, dots, dashes and underscores.")
            % {"number": number},
        )
    elif username_for(number) in first_line:  # numbers differing only in case would share a login
        problems.add(
            line,
            _("Employee number %(number)s appears twice in the file (first on line %(first)d).")
            % {"number": number, "first": first_line[username_for(number)]},
        )
    else:
        first_line[username_for(number)] = line
        if number in taken_usernames:
            problems.add(
                line,
                _("Another account is already called “%(username)s”; rename it before importing %(number)s.")
                % {"username": username_for(number), "number": number},
            )

    for column in ("first_name", "last_name"):
        if not record[column]:
            problems.add(line, _("%(column)s is empty.") % {"column": column})
        elif len(record[column]) > 150:
            problems.add(line, _("%(column)s is longer than 150 characters.") % {"column": column})
    email = record["email"]
    if email:
        try:
            validate_email(email)
            if len(email) > 254:
                raise ValidationError("too long")
        except ValidationError:
            problems.add(line, _("“%(email)s” is not an e-mail address.") % {"email": email[:300]})
    code = record["department_code"]
    if not code:
        problems.add(line, _("department_code is empty."))
    elif code not in known_codes:
        problems.add(line, _("Unknown department code “%(code)s”.") % {"code": code})
    if len(record["job_title"]) > 200:
        problems.add(line, _("job_title is longer than 200 characters."))
    hire_date = None
    if record["hire_date"]:
        try:
            hire_date = datetime.date.fromisoformat(record["hire_date"])
            if not 1900 <= hire_date.year <= 2999:
                raise ValueError
        except ValueError:
            problems.add(
                line,
                _("Hire date “%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": record["hire_date"]},
            )
    try:
        language = _language(record["preferred_language"])
    except ValueError:
        problems.add(
            line,
            _("Unknown language “%(value)s”; use one of %(codes)s.")
            % {"value": record["preferred_language"], "codes": ", ".join(code for code, _n in settings.LANGUAGES)},
        )
        language = ""
    try:
        active = _parse_bool(record["active"])
    except ValueError:
        problems.add(line, _("active must be true or false, not “%(value)s”.") % {"value": record["active"]})
        active = True
    if problems.total > errors_before:
        return None

    values = {
        "first_name": record["first_name"],
        "last_name": record["last_name"],
        "email": email,
        "department": code,
        "job_title": record["job_title"],
        "hire_date": hire_date,
        "preferred_language": language,
        "active": active,
    }
    name = f"{values['first_name']} {values['last_name']}"
    employee = existing.get(number)
    if employee is None:
        values["preferred_language"] = language or settings.LANGUAGE_CODE
        changes = {key: (None, value) for key, value in values.items()}
        return RowPlan(line, number, name, "create", values, changes)
    current = {
        "first_name": employee.user.first_name,
        "last_name": employee.user.last_name,
        "email": employee.user.email,
        "department": employee.department.code,
        "job_title": employee.job_title,
        "hire_date": employee.hire_date,
        "preferred_language": employee.preferred_language,
        "active": employee.active,
    }
    if not language:  # a blank language keeps the employee's own choice
        values["preferred_language"] = current["preferred_language"]
    changes = {key: (current[key], values[key]) for key in EMPLOYEE_FIELDS if current[key] != values[key]}
    return RowPlan(line, number, name, "update" if changes else "unchanged", values, changes)
