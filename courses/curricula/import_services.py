"""Importing earlier course completions: all or nothing, audited."""

import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from courses.catalogue.models import Course
from courses.catalogue.services import course_completion_record
from lms.csv_import import audit_failure, audit_rejection, file_sha256, rejected_message

from . import services
from .completion_import import CompletionPlan, CompletionPreview, plan_completions, preview_completions
from .exceptions import CurriculumError
from .models import CompletionImport


class CompletionImportRejected(CurriculumError):
    """A completions file with at least one bad row. Nothing was written. `errors` lists every problem
    as (line number, message); `run` is the audit record of the attempt."""

    def __init__(self, message, *, errors, run=None):
        super().__init__(message)
        self.errors = errors
        self.run = run


def completions_import(
    *,
    data: bytes,
    file_name: str,
    actor=None,
    source: str = CompletionImport.Source.COMMAND,
    dry_run: bool = False,
    progress=None,
) -> tuple[CompletionImport, CompletionPlan]:
    """Record the completions of a CSV file (columns: courses/curricula/completion_import.py) as course
    completions with source "import", then re-evaluate the assignments of everyone the file names,
    so that certifications, renewals and expiries follow the imported history in date order.
    All or nothing: a file with any bad row raises CompletionImportRejected listing every problem,
    and nothing is written. A completion already recorded is left alone, so importing a file twice
    records it once. Every run, rejected and dry ones too, leaves a CompletionImport. `progress` (an
    lms.import_jobs.ImportProgress) counts the rows checked and written, for the page of an import job."""
    run = CompletionImport(
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        file_name=(file_name or "")[-255:],
        sha256=hashlib.sha256(data).hexdigest(),
    )
    rejected = CompletionImport.Outcome.REJECTED
    with (
        audit_failure(run),
        audit_rejection(run, rejected=CompletionImportRejected, outcome=rejected),
        transaction.atomic(),
    ):
        plan = plan_completions(data, progress=progress)
        if plan.errors:
            raise CompletionImportRejected(rejected_message(plan.errors), errors=plan.errors)
        run.rows = len(plan.rows)
        run.created = plan.count("create")
        run.unchanged = plan.count("unchanged")
        run.notes = [[row.line, row.employee_number, row.course_slug, row.note] for row in plan.rows if row.note]
        if dry_run:
            run.outcome = CompletionImport.Outcome.DRY_RUN
        else:
            run.certified = _apply(plan, progress)
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


def _apply(plan: CompletionPlan, progress=None) -> int:
    new_rows = [row for row in plan.rows if row.action == "create"]
    users = get_user_model().objects.in_bulk({row.user_id for row in new_rows})
    courses = Course.objects.in_bulk({row.course_id for row in new_rows})
    for row in new_rows:
        course_completion_record(
            user=users[row.user_id], course=courses[row.course_id], completed_at=row.completed_at, source="import"
        )
        if progress is not None:
            progress.written()
    if progress is not None:
        progress.written(len(plan.rows) - len(new_rows))  # already recorded: nothing to write
    changed = 0
    for user_id in sorted({row.user_id for row in new_rows}):
        changed += services.assignments_evaluate_for_user(user_id=user_id)
    return changed


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
