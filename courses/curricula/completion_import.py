"""Files of course completions made before this system: read a CSV and plan what importing it records.

This module only reads. `checked_chunks(stream, …)` checks a file of any size IMPORT_CHUNK_ROWS rows
at a time against the database and yields each chunk's good rows: per row the person, the course and
the moment, whether it is new or already recorded; every problem goes to a Problems as (line number,
reason). `preview_completions` and `plan_completions(data)` collect them without writing;
`courses.curricula.import_services.completions_import` writes each clean chunk as it comes, in one
transaction that any problem rolls back. Decoding, the header and row reader and the error style are
shared with the HR import (lms/csv_import.py).

Columns (a header row, any order, UTF-8): employee_number, course_slug, completed_at (YYYY-MM-DD, or
an ISO 8601 date and time; without a time zone it is the city's), and optionally source_note.
"""

import datetime
import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import File
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.catalogue.models import Course, CourseCompletion
from courses.people.models import Employee
from lms.csv_import import PREVIEW_ROWS, CheckedRows, FirstProblems, Problems, stream_import_rows

REQUIRED_COLUMNS = ("employee_number", "course_slug", "completed_at")
OPTIONAL_COLUMNS = ("source_note",)
# Rows and bytes a file may have: settings IMPORT_MAX_ROWS and IMPORT_MAX_BYTES, read when a file is checked.
MAX_ROWS = settings.IMPORT_MAX_ROWS
MAX_NOTE = 500
EARLIEST = datetime.date(1970, 1, 1)


@dataclass(slots=True)
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
class CompletionPreview(CheckedRows):
    """What checking a file keeps (lms.csv_import.CheckedRows: counts, the first rows, the first
    problems), and how many rows carry a note."""

    notes: int = 0

    def add(self, row) -> None:
        super().add(row)
        self.notes += bool(row.note)


# The plan of a file checked whole: every row, every problem.
CompletionPlan = CompletionPreview


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
    """Check every row of the CSV `data` against the database and plan the import, keeping every
    row and every problem. Never writes. `progress` (an lms.import_jobs.ImportProgress) counts the
    rows checked."""
    # Read by lines as uploads are (\r, \n or both).
    return preview_completions(File(io.BytesIO(data)), now=now, progress=progress, keep_rows=None, problems=Problems())


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
    # streaming check keeps per row. The moment in UTC, so that one instant written with two offsets
    # is the same completion whichever chunks its rows fall in.
    instant = moment.astimezone(datetime.UTC).isoformat()
    key = hashlib.blake2b(f"{number}\x1f{slug}\x1f{instant}".encode(), digest_size=12).digest()
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


def checked_chunks(stream, problems, *, now: datetime.datetime | None = None, chunk_rows: int = 0, progress=None):
    """Check every row of the binary CSV `stream` against the database, `chunk_rows` rows
    (settings.IMPORT_CHUNK_ROWS) at a time, and yield each chunk's good rows as [CompletionRow],
    those already recorded (as the database stands when the chunk is checked) marked "unchanged".
    Problems go to `problems`; a row counted there is not yielded. Only one chunk is held at a time,
    plus a digest of each completion seen (to find one given twice) and the courses named."""
    now = now or timezone.now()
    chunk_rows = chunk_rows or settings.IMPORT_CHUNK_ROWS
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
        return rows

    chunk = []
    for line, record in stream_import_rows(
        stream,
        problems,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        empty_message=_("The file is empty: it needs a header row and one row per %(noun)s.")
        % {"noun": _("completion")},
        no_rows_message=_("The file has a header row but no %(noun)s.") % {"noun": _("completion")},
    ):
        chunk.append((line, record))
        if len(chunk) >= chunk_rows:
            yield check(chunk)
            chunk = []
    if chunk:
        yield check(chunk)


def preview_completions(
    stream,
    *,
    now: datetime.datetime | None = None,
    progress=None,
    keep_rows: int | None = PREVIEW_ROWS,
    problems=None,
) -> CompletionPreview:
    """Check every row of the binary CSV `stream` (an open file) against the database, streaming
    (`checked_chunks`): only the counts, the first `keep_rows` rows and the first problems are kept,
    so memory stays flat whatever the file's size. Never writes."""
    problems = FirstProblems() if problems is None else problems
    preview = CompletionPreview(keep_rows=keep_rows)
    for rows in checked_chunks(stream, problems, now=now, progress=progress):
        for row in rows:
            preview.add(row)
    preview.row_count = sum(preview.counts.values())
    preview.finish(problems)
    return preview
