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
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .import_jobs import import_job_create

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
# A real HR or completions export has a few dozen columns; more is a mistake or an attack.
MAX_COLUMNS = 200


class Problems(list):
    """Problems of a file as (line number, message)."""

    def add(self, line, message):
        self.append((line, message))

    def by_line(self):
        return sorted(self, key=lambda problem: problem[0])


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

    records = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                problems.add(
                    line,
                    _("This row has %(found)d fields; the header has %(expected)d.")
                    % {"found": len(cells), "expected": len(columns)},
                )
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


def rejected_message(errors) -> str:
    """The sentence of an import refused for `errors`."""
    return ngettext(
        "The file was not imported: %(count)d problem. Nothing was changed.",
        "The file was not imported: %(count)d problems. Nothing was changed.",
        len(errors),
    ) % {"count": len(errors)}


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
    """An uploaded file waiting in the session between its preview and "Apply". Applying must
    check the file again; the digest only ties the Apply button to the preview it was shown with."""

    def __init__(self, session, key: str):
        self.session = session
        self.key = key

    def keep(self, *, name: str, data: bytes, rows: int = 0) -> str:
        """Keep `data` (whose preview counted `rows`) for applying later; returns its SHA-256 digest."""
        sha256 = hashlib.sha256(data).hexdigest()
        encoded = base64.b64encode(data).decode("ascii")
        self.session[self.key] = {"name": name, "sha256": sha256, "rows": rows, "data": encoded}
        return sha256

    def take(self, sha256: str | None):
        """(name, data, rows) of the file kept with that digest, or None when the preview has expired."""
        pending = self.session.get(self.key)
        if not pending or pending.get("sha256") != sha256:
            return None
        return pending["name"], base64.b64decode(pending["data"]), pending.get("rows", 0)

    def forget(self) -> None:
        self.session.pop(self.key, None)


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
    name taking job_id, served by `status()`)."""

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
            file_name, data, rows = kept
            if self.job_model is not None and rows > settings.IMPORT_JOB_THRESHOLD:
                import_job_create(
                    model=self.job_model,
                    task=self.job_task,
                    owner=request.user,
                    file_name=file_name,
                    data=data,
                    rows_total=rows,
                )
                pending.forget()
                messages.info(
                    request,
                    _("%(file)s is being imported in the background; its progress is shown below.")
                    % {"file": file_name},
                )
                return redirect(self.done_url)
            try:
                run, _plan = self.run_import(request, data=data, file_name=file_name, dry_run=False)
            except self.rejected as error:
                pending.forget()
                return self._render(request, errors=error.errors, file_name=file_name, status=400)
            pending.forget()
            messages.success(
                request, _("%(file)s imported. %(summary)s") % {"file": run.file_name, "summary": self.summary(run)}
            )
            return redirect(self.done_url)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            run, plan = self.run_import(request, data=data, file_name=upload.name, dry_run=True)
        except self.rejected as error:
            pending.forget()
            return self._render(request, errors=error.errors, file_name=upload.name, status=400)
        sha256 = pending.keep(name=upload.name, data=data, rows=len(plan.rows))
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
