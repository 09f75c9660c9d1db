"""Importing earlier course completions: all or nothing, audited."""

import io
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from courses.catalogue.services import course_completions_record
from lms.csv_import import (
    PREVIEW_ROWS,
    FirstProblems,
    Problems,
    audit_failure,
    audit_rejection,
    file_sha256,
    rejected_message,
)

from . import services
from .completion_import import CompletionPreview, checked_chunks, preview_completions
from .exceptions import CurriculumError
from .models import CompletionImport

logger = logging.getLogger(__name__)


class CompletionImportRejected(CurriculumError):
    """A completions file with at least one bad row. Nothing was written. `errors` lists every problem
    as (line number, message); `run` is the audit record of the attempt."""

    def __init__(self, message, *, errors, run=None):
        super().__init__(message)
        self.errors = errors
        self.run = run


def completions_import(
    *,
    data: bytes | None = None,
    file=None,
    file_name: str,
    actor=None,
    source: str = CompletionImport.Source.COMMAND,
    dry_run: bool = False,
    progress=None,
    problems: Problems | None = None,
    on_row=None,
) -> tuple[CompletionImport, CompletionPreview]:
    """Record the completions of a CSV file (columns: courses/curricula/completion_import.py) as course
    completions with source "import", then re-evaluate the assignments of everyone the file names,
    so that certifications, renewals and expiries follow the imported history in date order.
    All or nothing: a file with any bad row raises CompletionImportRejected listing its problems,
    and nothing is written. A completion already recorded is left alone, so importing a file twice
    records it once. Every run, rejected and dry ones too, leaves a CompletionImport.

    The file is `data` (bytes: the plan returned keeps every row and every problem) or `file` (an
    open binary file of any size: the plan keeps the counts, the first rows and the first
    problems). Either way it is streamed through in one transaction, IMPORT_CHUNK_ROWS rows checked
    and recorded (in bulk) at a time, so memory stays flat however many rows it has; what the
    transaction keeps besides is each person named once and the rows with a note (for the audit).
    Assignments are re-evaluated once every row is recorded, each person once with their whole
    history, as a file applied in one piece would leave them. A dry run checks every chunk and
    writes nothing. `progress` (an lms.import_jobs.ImportProgress) counts the rows checked and
    written, for the page of an import job. `problems` collects the problems instead (a Problems
    keeps every one, as for `data`); `on_row(row)` is called with each good row as it is checked (the
    command lists them from it, whatever the file's size)."""
    stream = File(io.BytesIO(data)) if file is None else file  # read by lines as uploads are (\r, \n or both)
    run = CompletionImport(
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        file_name=(file_name or "")[-255:],
        sha256=file_sha256(stream),
    )
    whole = file is None
    plan = CompletionPreview(keep_rows=None if whole else PREVIEW_ROWS)
    if problems is None:
        problems = Problems() if whole else FirstProblems()
    rejected = CompletionImport.Outcome.REJECTED
    with (
        audit_failure(run),
        audit_rejection(run, rejected=CompletionImportRejected, outcome=rejected),
        transaction.atomic(),
    ):
        notes, user_ids = [], set()
        for rows in checked_chunks(stream, problems, progress=progress):
            for row in rows:
                plan.add(row)
                if on_row is not None:
                    on_row(row)
                if row.note:
                    notes.append([row.line, row.employee_number, row.course_slug, row.note])
            if problems.total or dry_run or not rows:
                continue  # once a problem is found nothing more is written; the rollback undoes the rest
            user_ids.update(_write_rows(rows, progress))
        plan.row_count = sum(plan.counts.values())
        plan.finish(problems)
        if plan.errors:
            raise CompletionImportRejected(rejected_message(plan.errors, count=plan.error_count), errors=plan.errors)
        run.rows = plan.row_count
        run.created = plan.count("create")
        run.unchanged = plan.count("unchanged")
        run.notes = notes
        if dry_run:
            run.outcome = CompletionImport.Outcome.DRY_RUN
        else:
            run.certified = services.assignments_evaluate_for_users(user_ids=user_ids)
            run.outcome = CompletionImport.Outcome.APPLIED
        run.save()
    return run, plan


def completions_import_preview(
    *, file, file_name: str, actor=None, source: str = CompletionImport.Source.ADMIN, progress=None
) -> tuple[CompletionImport, CompletionPreview]:
    """Check a completions file of any size without writing it: the binary `file` is streamed
    through (completion_import.preview_completions) in flat memory. Recorded as a dry run (its
    notes are recorded when it is applied), or as rejected with the first problems
    (CompletionImportRejected, counting them all). Applying the file checks it again in full."""
    run = CompletionImport(
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        file_name=(file_name or "")[-255:],
        sha256=file_sha256(file),
    )
    rejected = CompletionImport.Outcome.REJECTED
    with audit_failure(run), audit_rejection(run, rejected=CompletionImportRejected, outcome=rejected):
        preview = preview_completions(file, progress=progress)
        if preview.errors:
            raise CompletionImportRejected(
                rejected_message(preview.errors, count=preview.error_count), errors=preview.errors
            )
        run.rows = preview.row_count
        run.created = preview.count("create")
        run.unchanged = preview.count("unchanged")
        run.outcome = CompletionImport.Outcome.DRY_RUN
        run.save()
    return run, preview


def _write_rows(rows: list, progress=None) -> set:
    """Record one checked chunk's new completions in one bulk insert; returns the people whose
    completions were recorded. A refused chunk raises CompletionImportRejected naming its lines (the
    caller rolls back)."""
    new_rows = [row for row in rows if row.action == "create"]
    if new_rows:
        try:
            course_completions_record(
                completions=[(row.user_id, row.course_id, row.completed_at) for row in new_rows],
                source="import",
                reevaluated=True,  # completions_import re-evaluates everyone named once all chunks are in
            )
        except (ValidationError, DatabaseError) as error:
            first, last = rows[0].line, rows[-1].line
            logger.warning("Completions import: lines %s to %s could not be written: %r", first, last, error)
            raise CompletionImportRejected(
                _("The file was not imported: 1 problem. Nothing was changed."),
                errors=[
                    (
                        first,
                        _("The database refused a row between lines %(first)d and %(last)d; check their values.")
                        % {"first": first, "last": last},
                    )
                ],
            )
    if progress is not None:
        progress.written(len(rows))  # those already recorded are written by leaving them alone
    return {row.user_id for row in new_rows}


def import_summary(run: CompletionImport) -> str:
    numbers = {"created": run.created, "unchanged": run.unchanged, "changed": run.certified}
    if run.outcome == CompletionImport.Outcome.DRY_RUN:
        return (
            _("Dry run, nothing written: %(created)d completions to record, %(unchanged)d already recorded.") % numbers
        )
    return (
        _("%(created)d completions recorded, %(unchanged)d already recorded; %(changed)d assignments updated.")
        % numbers
    )
