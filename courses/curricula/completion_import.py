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
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.catalogue.models import Course, CourseCompletion
from courses.people.models import Employee
from lms.csv_import import CheckedRows, FirstProblems, Problems, decode, read_rows, stream_rows

REQUIRED_COLUMNS = ("employee_number", "course_slug", "completed_at")
OPTIONAL_COLUMNS = ("source_note",)
# Rows and bytes a file may have: settings IMPORT_MAX_ROWS and IMPORT_MAX_BYTES, read when a file is checked.
MAX_ROWS = settings.IMPORT_MAX_ROWS
CHUNK_ROWS = 1000  # rows a streaming preview checks against the database at once
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
    def row_count(self):
        return len(self.rows)

    @property
    def is_valid(self):
        return not self.errors


@dataclass
class CompletionPreview(CheckedRows):
    """What a streamed preview keeps of a file of any size: counts, the first PREVIEW_ROWS rows and
    the first problems (and how many there are), and how many rows carry a note."""

    notes: int = 0


def read_csv(data: bytes, *, required: tuple, optional: tuple = (), noun: str, max_rows: int, problems):
    """The data rows of a CSV file as (line number, {column: stripped value}), or None when the file
    cannot be read (encoding, header). Problems are added to `problems` as (line, message)."""
    text = decode(data, problems, max_bytes=settings.IMPORT_MAX_BYTES)
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
        max_rows=settings.IMPORT_MAX_ROWS,
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
        row = _check_row(line, record, users, courses, first_line, now, problems)
        if row is not None:
            candidates.append(row)

    _mark_recorded(candidates)
    plan.rows = candidates
    plan.errors = problems.by_line()
    return plan


def _check_row(line, record, users, courses, first_line, now, problems):
    """The CompletionRow of one record, or None with its problems added."""
    errors_before = problems.total
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
    if problems.total > errors_before:
        return None
    # A 12-byte digest rather than the tuple: the index of every completion seen is the one thing a
    # streaming preview keeps per row.
    key = hashlib.blake2b(f"{number}\x1f{slug}\x1f{moment.isoformat()}".encode(), digest_size=12).digest()
    if key in first_line:
        problems.add(
            line,
            _("This completion appears twice in the file (first on line %(first)d).") % {"first": first_line[key]},
        )
        return None
    first_line[key] = line
    return CompletionRow(line, number, slug, moment, users[number], courses[slug], note, "create")


def _mark_recorded(candidates):
    """Rows whose completion is already recorded become "unchanged"."""
    if not candidates:
        return
    existing = set(
        CourseCompletion.objects.filter(
            user_id__in={row.user_id for row in candidates}, course_id__in={row.course_id for row in candidates}
        ).values_list("user_id", "course_id", "completed_at")
    )
    for row in candidates:
        if (row.user_id, row.course_id, row.completed_at) in existing:
            row.action = "unchanged"


def preview_completions(stream, *, now: datetime.datetime | None = None, progress=None) -> CompletionPreview:
    """Check every row of the binary CSV `stream` as `plan_completions` does, streaming: rows are
    checked CHUNK_ROWS at a time and only counts, the sample rows and the first problems are kept,
    so memory stays flat whatever the file's size. Never writes."""
    now = now or timezone.now()
    problems = FirstProblems()
    preview = CompletionPreview()
    first_line = {}
    courses = {}

    def check(chunk):
        numbers = {record["employee_number"] for _line, record in chunk if record["employee_number"]}
        slugs = {record["course_slug"] for _line, record in chunk if record["course_slug"]} - set(courses)
        users = dict(Employee.objects.filter(employee_number__in=numbers).values_list("employee_number", "user_id"))
        courses.update(Course.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        rows = []
        for line, record in chunk:
            row = _check_row(line, record, users, courses, first_line, now, problems)
            if row is not None:
                rows.append(row)
            if progress is not None:
                progress.checked()
        _mark_recorded(rows)
        for row in rows:
            preview.add(row)
            preview.notes += bool(row.note)

    chunk = []
    for line, record in stream_rows(
        stream,
        problems,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_bytes=settings.IMPORT_MAX_BYTES,
        empty_message=_("The file is empty: it needs a header row and one row per %(noun)s.")
        % {"noun": _("completion")},
        no_rows_message=_("The file has a header row but no %(noun)s.") % {"noun": _("completion")},
    ):
        preview.row_count += 1
        chunk.append((line, record))
        if len(chunk) >= CHUNK_ROWS:
            check(chunk)
            chunk = []
    check(chunk)
    preview.finish(problems)
    return preview
