"""What the all-or-nothing CSV imports share (the HR import in people, the completions import in
curricula): decoding with clear encoding errors, problems collected with their line numbers, the
header and row reader, the rejection sentence, and the upload → preview → apply session handling.
Each import keeps its own domain checks in its app; both files fail the same way.

A problem is (line number, message); line 0 is the file as a whole."""

import base64
import codecs
import collections
import csv
import hashlib
import io
import logging
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .import_jobs import PENDING_FOLDER, import_job_create
from .import_jobs import file_sha256 as file_sha256  # shared with the apps importing CSV

logger = logging.getLogger(__name__)

# The whole-file reader's cap (files kept in the session for a preview applied in the request); the
# streaming preview reads up to settings.IMPORT_MAX_BYTES and IMPORT_MAX_ROWS.
MAX_BYTES = 5 * 1024 * 1024
# A streaming preview keeps this many problems (and counts the rest), and this many sample rows.
PREVIEW_ERRORS = 200
PREVIEW_ROWS = 100
# A real HR or completions export has a few dozen columns; more is a mistake or an attack.
MAX_COLUMNS = 200


class Problems(list):
    """Problems of a file as (line number, message)."""

    def add(self, line, message):
        self.append((line, message))

    @property
    def total(self) -> int:
        return len(self)

    def by_line(self):
        return sorted(self, key=lambda problem: problem[0])


class FirstProblems(Problems):
    """Problems of a file streamed through: the first `limit` are kept, the rest only counted, so a
    file of 300,000 bad rows does not fill the memory with messages."""

    def __init__(self, limit: int = PREVIEW_ERRORS):
        super().__init__()
        self.limit = limit
        self.dropped = 0

    def add(self, line, message):
        if len(self) < self.limit:
            self.append((line, message))
        else:
            self.dropped += 1

    @property
    def total(self) -> int:
        return len(self) + self.dropped

    def by_line(self):
        problems = super().by_line()
        if self.dropped:
            more = _("Problems not shown: %(count)d. Correct these and check the file again.") % {"count": self.dropped}
            problems.append((0, more))
        return problems


@dataclass
class CheckedRows:
    """What checking a file keeps, whatever its size: the rows checked, the count of good rows per
    action ("create", "update", "unchanged"…), the first `keep_rows` good rows (every one when None),
    and the problems kept (`errors`, sorted by line) with how many there were (`error_count`)."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    error_count: int = 0
    row_count: int = 0
    counts: dict = field(default_factory=dict)  # action -> good rows
    keep_rows: int | None = PREVIEW_ROWS

    def add(self, row) -> None:
        """Count one good row (with its `action`), keeping it while there is room."""
        self.counts[row.action] = self.counts.get(row.action, 0) + 1
        if self.keep_rows is None or len(self.rows) < self.keep_rows:
            self.rows.append(row)

    def finish(self, problems: Problems) -> None:
        self.errors = problems.by_line()
        self.error_count = problems.total

    def count(self, action) -> int:
        return self.counts.get(action, 0)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def decode(data: bytes, problems: Problems, *, max_bytes: int = MAX_BYTES) -> str | None:
    """The text of UTF-8 `data` (a BOM is dropped), or None with the reasons added to `problems`."""
    if len(data) > max_bytes:
        problems.add(0, _("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)})
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text:  # no database column can hold it
            for number, line in enumerate(text.split("\n"), start=1):
                if "\x00" in line:
                    problems.add(number, _("This line contains a NUL character. Save the file as “CSV UTF-8” again."))
            return None
        return text
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.add(1, _("The file is UTF-16, not UTF-8. Save it as “CSV UTF-8” and upload it again."))
        return None
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.add(number, _("This line is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again."))
    return None


def _columns(header, problems: Problems, *, required: tuple, empty_message: str) -> list | None:
    """The lower-cased column names of the `header` cells, or None (with the reasons added to
    `problems`) when the header is empty, too wide, names a column twice or misses a required one."""
    if not header or not any(cell.strip() for cell in header):
        problems.add(1, empty_message)
        return None
    if len(header) > MAX_COLUMNS:
        problems.add(1, _("The header row has more than %(max)d columns.") % {"max": MAX_COLUMNS})
        return None
    columns = [cell.strip().lower() for cell in header]
    seen = collections.Counter(column for column in columns if column)
    duplicates = sorted(column for column, times in seen.items() if times > 1)
    if duplicates:
        problems.add(1, _("Columns named more than once: %(columns)s.") % {"columns": ", ".join(duplicates)})
    missing = [column for column in required if column not in columns]
    if missing:
        problems.add(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if duplicates or missing:
        return None
    return columns


def _row_problem(cells: list, columns: list) -> str | None:
    """Why the data row `cells` cannot be read under `columns`: None for a good row, "" for a blank
    one (skipped without a word), else the message."""
    if not any(cell.strip() for cell in cells):
        return ""
    if len(cells) != len(columns):
        return _("This row has %(found)d fields; the header has %(expected)d.") % {
            "found": len(cells),
            "expected": len(columns),
        }
    return None


def read_rows(
    text: str,
    problems: Problems,
    *,
    required: tuple,
    optional: tuple = (),
    max_rows: int,
    empty_message: str,
    no_rows_message: str,
):
    """The data rows of CSV `text` as (line number, {column: stripped value}), or None when the file
    cannot be read (header, too many rows). Column names are matched lower-cased; optional columns
    missing from the file read as "". `empty_message` and `no_rows_message` name what a row is."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.add(1, _("The header row cannot be read: %(error)s") % {"error": error})
        return None
    columns = _columns(header, problems, required=required, empty_message=empty_message)
    if columns is None:
        return None

    records = []
    try:
        for cells in reader:
            line = reader.line_num
            problem = _row_problem(cells, columns)
            if problem is not None:
                if problem:
                    problems.add(line, problem)
                continue
            record = dict.fromkeys(optional, "")
            record.update({column: cell.strip() for column, cell in zip(columns, cells, strict=True) if column})
            records.append((line, record))
            if len(records) > max_rows:
                problems.add(line, _("The file has more than %(max)d rows. Split it.") % {"max": max_rows})
                return None
    except csv.Error as error:
        problems.add(reader.line_num, _("This line cannot be read: %(error)s") % {"error": error})
        return None
    if not records and not problems:
        problems.add(1, no_rows_message)
    return records


def run_sha256(run) -> str:
    """The file checksum an import's audit record keeps (the field is named per app)."""
    return getattr(run, "file_sha256", None) or run.sha256


def rejected_message(errors, *, count: int | None = None) -> str:
    """The sentence of an import refused for `errors` (`count` of them when only some were kept)."""
    count = len(errors) if count is None else count
    return ngettext(
        "The file was not imported: %(count)d problem. Nothing was changed.",
        "The file was not imported: %(count)d problems. Nothing was changed.",
        count,
    ) % {"count": count}


def _text_lines(stream, problems: Problems, *, max_bytes: int, state: dict):
    """The lines of the binary `stream` as text, one at a time: a UTF-8 BOM is dropped, a line that
    is not UTF-8 or holds a NUL is reported (and read as empty), and reading stops past `max_bytes`.
    `state["bad"]` is set once any line was refused, so the rows read are no longer checked."""
    size = 0
    for number, raw in enumerate(stream, start=1):
        size += len(raw)
        if size > max_bytes:
            problems.add(0, _("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)})
            state["bad"] = state["stop"] = True
            return
        if number == 1:
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                problems.add(1, _("The file is UTF-16, not UTF-8. Save it as “CSV UTF-8” and upload it again."))
                state["bad"] = state["stop"] = True
                return
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.add(number, _("This line is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again."))
            state["bad"] = True
            yield "\n"
            continue
        if "\x00" in line:
            problems.add(number, _("This line contains a NUL character. Save the file as “CSV UTF-8” again."))
            state["bad"] = True
            yield "\n"
            continue
        yield line


def stream_rows(
    stream,
    problems: Problems,
    *,
    required: tuple,
    optional: tuple = (),
    max_rows: int,
    max_bytes: int,
    empty_message: str,
    no_rows_message: str,
):
    """The data rows of the binary CSV `stream` (an open file, read from its start) as (line number,
    {column: stripped value}), one at a time, with what `read_rows` checks reported the same way
    to `problems`. Nothing but the current row is held, so a file of any size reads in flat memory.
    Once a line cannot be decoded no more rows are yielded, but the rest of the file is still read
    so that every such line is reported."""
    stream.seek(0)
    state = {"bad": False, "stop": False}
    reader = csv.reader(_text_lines(stream, problems, max_bytes=max_bytes, state=state))
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.add(1, _("The header row cannot be read: %(error)s") % {"error": error})
        return
    if state["bad"]:
        for _cells in reader:  # report every line that cannot be decoded
            if state["stop"]:
                break
        return
    columns = _columns(header, problems, required=required, empty_message=empty_message)
    if columns is None:
        return

    rows = 0
    try:
        for cells in reader:
            if state["stop"]:
                return
            if state["bad"]:
                continue
            line = reader.line_num
            problem = _row_problem(cells, columns)
            if problem is not None:
                if problem:
                    problems.add(line, problem)
                continue
            rows += 1
            if rows > max_rows:
                problems.add(line, _("The file has more than %(max)d rows. Split it.") % {"max": max_rows})
                return
            record = dict.fromkeys(optional, "")
            record.update({column: cell.strip() for column, cell in zip(columns, cells, strict=True) if column})
            yield line, record
    except csv.Error as error:
        problems.add(reader.line_num, _("This line cannot be read: %(error)s") % {"error": error})
        return
    if not rows and not problems.total:
        problems.add(1, no_rows_message)


def stream_import_rows(stream, problems: Problems, *, required: tuple, optional: tuple = (), **messages):
    """stream_rows within the limits every import file has: settings IMPORT_MAX_ROWS and
    IMPORT_MAX_BYTES (read at each call, so a test or a deployment can change them)."""
    return stream_rows(
        stream,
        problems,
        required=required,
        optional=optional,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_bytes=settings.IMPORT_MAX_BYTES,
        **messages,
    )


@contextmanager
def audit_rejection(run, *, rejected, outcome):
    """Around an import's transaction: when it raises `rejected` (with .errors), save the audit
    record `run` anew with `outcome` and the problems, attach it to the exception and re-raise."""
    try:
        yield
    except rejected as error:
        run.pk = None
        run.outcome = outcome
        run.errors = [[line, str(message)] for line, message in error.errors]
        run.save()
        error.run = run
        raise


@contextmanager
def audit_failure(run):
    """Outside audit_rejection: an import that fails for any other reason (a bug, the database going
    away) is still recorded, as rejected with one line saying so, and the error goes on."""
    try:
        yield
    except Exception:
        if run.pk is None:
            run.outcome = "rejected"
            run.errors = [[0, str(_("The import failed unexpectedly; nothing was changed."))]]
            try:
                run.save()
            except Exception:  # the database itself is gone: the log line below is all that is left
                logger.exception("The audit record of a failed import could not be written")
        logger.exception("An import failed unexpectedly")
        raise


class PendingUpload:
    """An uploaded file waiting between its preview and "Apply": a small one in the session, a large
    one (previewed streaming) in the default storage under an unguessable name, with only its path
    in the session. Applying must check the file again; the digest only ties the Apply button to
    the preview it was shown with."""

    def __init__(self, session, key: str):
        self.session = session
        self.key = key

    def keep(self, *, name: str, data: bytes, rows: int = 0) -> str:
        """Keep `data` (whose preview counted `rows`) for applying later; returns its SHA-256 digest."""
        self.forget()
        sha256 = hashlib.sha256(data).hexdigest()
        encoded = base64.b64encode(data).decode("ascii")
        self.session[self.key] = {"name": name, "sha256": sha256, "rows": rows, "data": encoded}
        return sha256

    def keep_file(self, *, name: str, upload, sha256: str, rows: int = 0) -> str:
        """Keep the uploaded file (copied in chunks to the storage) for applying later."""
        self.forget()
        path = default_storage.save(f"{PENDING_FOLDER}/{uuid.uuid4().hex}/import.csv", upload)
        self.session[self.key] = {"name": name, "sha256": sha256, "rows": rows, "path": path}
        return sha256

    def take(self, sha256: str | None):
        """The Kept file with that digest, or None when the preview has expired."""
        pending = self.session.get(self.key)
        if not pending or pending.get("sha256") != sha256:
            return None
        if pending.get("path"):
            if not default_storage.exists(pending["path"]):
                return None
            return Kept(pending["name"], pending["sha256"], pending.get("rows", 0), None, pending["path"])
        data = base64.b64decode(pending["data"])
        return Kept(pending["name"], pending["sha256"], pending.get("rows", 0), data, "")

    def forget(self) -> None:
        pending = self.session.pop(self.key, None)
        if pending and pending.get("path"):
            try:
                default_storage.delete(pending["path"])
            except Exception:  # a file left behind is harmless; the preview is gone either way
                logger.warning("A pending import file could not be deleted", exc_info=True)


@dataclass(frozen=True)
class Kept:
    name: str
    sha256: str
    rows: int
    data: bytes | None  # the file itself when kept in the session
    path: str  # its storage path otherwise

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        with default_storage.open(self.path, "rb") as kept:
            return kept.read()


@dataclass(frozen=True)
class ImportScreen:
    """The admin screen of an all-or-nothing CSV import (HR import, completions import): GET shows
    the upload form and the recent runs; a POST checks the uploaded file as a dry run and shows the
    preview (or every problem); a POST with action=apply imports the file kept in the session,
    checked again, then redirects to `done_url` with the run's summary. Nothing is written before
    "Apply", and a rejected file writes nothing but its audit record.

    `template` extends includes/import_screen.html and fills its blocks; `title` and `upload_help`
    (lazily translated) head the page and explain what applying does. `run_import(request,
    data=, file_name=, dry_run=)` returns (run, plan) or raises `rejected` (with .errors);
    `summary(run)` is the sentence shown once a file is checked or applied; `recent_runs()` the audit
    history shown below; `preview_context(plan)` extra context for the preview table.

    With `job_model` (an lms.import_jobs.ImportJob) and `job_task` (the task applying one), a file
    whose preview has more rows than IMPORT_JOB_THRESHOLD is applied by that task instead of within
    the request; the page lists the viewer's jobs and their progress, polled at `status_url` (a URL
    name taking job_id, served by `status()`).

    With `preview(request, file=, file_name=)` (returning (run, plan) with plan.row_count, or raising
    `rejected`), a file larger than IMPORT_STREAM_PREVIEW_BYTES is previewed by it, streaming through
    the file in flat memory, and waits for "Apply" in the storage instead of the session."""

    template: str
    title: str
    upload_help: str
    form_class: type
    pending_key: str
    run_import: Callable
    rejected: type[Exception]
    summary: Callable
    recent_runs: Callable
    done_url: str
    preview_context: Callable = lambda plan: {}
    preview: Callable | None = None
    job_model: type | None = None
    job_task: str = ""
    status_url: str = ""
    recent_jobs: int = 5

    def respond(self, request):
        """The response to one request of the screen (after the view's permission check)."""
        pending = PendingUpload(request.session, self.pending_key)
        if request.method == "GET":
            return self._render(request)
        if request.POST.get("action") == "apply":
            kept = pending.take(request.POST.get("sha256"))
            if kept is None:
                messages.error(request, _("That preview has expired. Upload the file again."))
                return redirect(self.done_url)
            if self.job_model is not None and kept.rows > settings.IMPORT_JOB_THRESHOLD:
                if kept.path:
                    with default_storage.open(kept.path, "rb") as content:
                        import_job_create(
                            model=self.job_model,
                            task=self.job_task,
                            owner=request.user,
                            file_name=kept.name,
                            content=content,
                            sha256=kept.sha256,
                            rows_total=kept.rows,
                        )
                else:
                    import_job_create(
                        model=self.job_model,
                        task=self.job_task,
                        owner=request.user,
                        file_name=kept.name,
                        data=kept.data,
                        rows_total=kept.rows,
                    )
                pending.forget()
                messages.info(
                    request,
                    _("%(file)s is being imported in the background; its progress is shown below.")
                    % {"file": kept.name},
                )
                return redirect(self.done_url)
            data = kept.read()
            pending.forget()
            try:
                run, _plan = self.run_import(request, data=data, file_name=kept.name, dry_run=False)
            except self.rejected as error:
                return self._render(request, errors=error.errors, file_name=kept.name, status=400)
            messages.success(
                request, _("%(file)s imported. %(summary)s") % {"file": run.file_name, "summary": self.summary(run)}
            )
            return redirect(self.done_url)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        upload = form.cleaned_data["file"]
        if self.preview is not None and upload.size > settings.IMPORT_STREAM_PREVIEW_BYTES:
            return self._preview_streaming(request, pending, upload)
        data = upload.read()
        try:
            run, plan = self.run_import(request, data=data, file_name=upload.name, dry_run=True)
        except self.rejected as error:
            pending.forget()
            return self._render(request, errors=error.errors, file_name=upload.name, status=400)
        sha256 = pending.keep(name=upload.name, data=data, rows=len(plan.rows))
        return self._render(request, plan=plan, run=run, file_name=upload.name, sha256=sha256)

    def _preview_streaming(self, request, pending, upload):
        """The preview of a large file, streamed through in flat memory; the file waits in storage."""
        try:
            run, plan = self.preview(request, file=upload, file_name=upload.name)
        except self.rejected as error:
            pending.forget()
            return self._render(request, errors=error.errors, file_name=upload.name, status=400)
        upload.seek(0)
        sha256 = pending.keep_file(name=upload.name, upload=upload, sha256=run_sha256(run), rows=plan.row_count)
        return self._render(request, plan=plan, run=run, file_name=upload.name, sha256=sha256)

    def status(self, request, job_id: int):
        """The progress of one of the viewer's import jobs, as JSON for the page's polling."""
        job = self.job_model.objects.filter(pk=job_id, owner=request.user).first()
        if job is None:
            raise Http404(_("No such import."))
        return JsonResponse(job.progress())

    def _render(self, request, *, form=None, plan=None, run=None, errors=None, file_name="", sha256="", status=200):
        context = {
            "form": form or self.form_class(),
            "plan": plan,
            "run": run,
            "summary": self.summary(run) if run is not None and errors is None else "",
            "errors": errors,
            "file_name": file_name,
            "sha256": sha256,
            "runs": self.recent_runs(),
            "done_url": self.done_url,
            "title": self.title,
            "upload_help": self.upload_help,
            "jobs": self._jobs(request),
            "status_url": self.status_url,
        }
        if plan is not None:
            context.update(self.preview_context(plan))
        return TemplateResponse(request, self.template, context, status=status)

    def _jobs(self, request):
        if self.job_model is None:
            return []
        jobs = self.job_model.objects.filter(owner=request.user).select_related("run")[: self.recent_jobs]
        return [(job, job.progress()) for job in jobs]
