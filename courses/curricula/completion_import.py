"""Files of course completions made before this system: read a CSV and plan what importing it records.

This module only reads. `plan_completions(data)` checks every row and returns a `CompletionPlan`:
per row the person, the course and the moment, whether it is new or already recorded, and every
problem as (line number, reason). A plan with any problem must not be applied;
`courses.curricula.import_services.completions_import` applies a clean plan. Decoding, the header and row
reader and the error style are shared with the HR import (lms/csv_import.py).

Columns (a header row, any order, UTF-8): employee_number, course_slug, completed_at (YYYY-MM-DD, or
an ISO 8601 date and time; without a time zone it is the city's), and optionally source_note.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.catalogue.models import Course, CourseCompletion
from courses.people.models import Employee
from lms.csv_import import Problems, decode, read_rows

REQUIRED_COLUMNS = ("employee_number", "course_slug", "completed_at")
OPTIONAL_COLUMNS = ("source_note",)
MAX_ROWS = 50_000
MAX_NOTE = 500
EARLIEST = datetime.date(1970, 1, 1)


@dataclass
class CompletionRow:
    line: int
    employee_number: str
    course_slug: str
    completed_at: datetime.datetime
    user_id: int
    course_id: int
    note: str
    action: str  # "create" or "unchanged" (the same completion is already recorded)


@dataclass
class CompletionPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line, message), sorted by line

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def is_valid(self):
        return not self.errors


def read_csv(data: bytes, *, required: tuple, optional: tuple = (), noun: str, max_rows: int, problems):
    """The data rows of a CSV file as (line number, {column: stripped value}), or None when the file
    cannot be read (encoding, header). Problems are added to `problems` as (line, message)."""
    text = decode(data, problems)
    if text is None:
        return None
    return read_rows(
        text,
        problems,
        required=required,
        optional=optional,
        max_rows=max_rows,
        empty_message=_("The file is empty: it needs a header row and one row per %(noun)s.") % {"noun": noun},
        no_rows_message=_("The file has a header row but no %(noun)s.") % {"noun": noun},
    )


def parse_moment(value: str) -> datetime.datetime:
    """An aware datetime from YYYY-MM-DD (noon in the city, so the date is the same in every zone
    of the city's day) or an ISO 8601 date and time (the city's time zone when none is given)."""
    if len(value) == 10:
        day = datetime.date.fromisoformat(value)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def plan_completions(data: bytes, *, now: datetime.datetime | None = None, progress=None) -> CompletionPlan:
    """Check every row of the CSV `data` against the database and plan the import. Never writes.
    `progress` (an lms.import_jobs.ImportProgress) counts the rows checked."""
    now = now or timezone.now()
    problems = Problems()
    plan = CompletionPlan()
    records = read_csv(
        data,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        noun=_("completion"),
        max_rows=MAX_ROWS,
        problems=problems,
    )
    if records is None:
        plan.errors = problems.by_line()
        return plan

    numbers = {record["employee_number"] for _line, record in records if record["employee_number"]}
    slugs = {record["course_slug"] for _line, record in records if record["course_slug"]}
    users = dict(Employee.objects.filter(employee_number__in=numbers).values_list("employee_number", "user_id"))
    courses = dict(Course.objects.filter(slug__in=slugs).values_list("slug", "pk"))

    first_line = {}
    candidates = []
    for line, record in records:
        if progress is not None:
            progress.checked()
        errors_before = len(problems)
        number, slug, raw = record["employee_number"], record["course_slug"], record["completed_at"]
        if not number:
            problems.add(line, _("employee_number is empty."))
        elif number not in users:
            problems.add(line, _("Unknown employee number “%(number)s”.") % {"number": number})
        if not slug:
            problems.add(line, _("course_slug is empty."))
        elif slug not in courses:
            problems.add(line, _("Unknown course “%(slug)s”.") % {"slug": slug})
        moment = None
        if not raw:
            problems.add(line, _("completed_at is empty."))
        else:
            try:
                moment = parse_moment(raw)
            except ValueError:
                problems.add(
                    line,
                    _("“%(value)s” is not a date (YYYY-MM-DD) or an ISO date and time.") % {"value": raw},
                )
            else:
                if moment > now:
                    problems.add(line, _("Completed on %(value)s, which is in the future.") % {"value": raw})
                elif moment.date() < EARLIEST:
                    problems.add(line, _("Completed on %(value)s, which is too long ago.") % {"value": raw})
        note = record.get("source_note", "")
        if len(note) > MAX_NOTE:
            problems.add(line, _("source_note is longer than %(max)d characters.") % {"max": MAX_NOTE})
        if len(problems) > errors_before:
            continue
        key = (number, slug, moment)
        if key in first_line:
            problems.add(
                line,
                _("This completion appears twice in the file (first on line %(first)d).") % {"first": first_line[key]},
            )
            continue
        first_line[key] = line
        candidates.append(CompletionRow(line, number, slug, moment, users[number], courses[slug], note, "create"))

    if candidates:
        existing = set(
            CourseCompletion.objects.filter(
                user_id__in={row.user_id for row in candidates}, course_id__in={row.course_id for row in candidates}
            ).values_list("user_id", "course_id", "completed_at")
        )
        for row in candidates:
            if (row.user_id, row.course_id, row.completed_at) in existing:
                row.action = "unchanged"
    plan.rows = candidates
    plan.errors = problems.by_line()
    return plan
