"""Import course completions made before this system (columns: see courses/curricula/completion_import.py)."""

from courses.curricula.import_services import CompletionImportRejected, completions_import, import_summary
from courses.curricula.models import CompletionImport
from lms.import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Record earlier course completions from a CSV file (employee_number, course_slug, completed_at, "
        "optional source_note) and re-evaluate assignments. A file with any bad row is rejected whole and "
        "nothing is written."
    )
    dry_run_help = "Check the file and show what it would record."
    rejected = CompletionImportRejected

    def run_import(self, *, data, file_name, dry_run):
        return completions_import(
            data=data, file_name=file_name, source=CompletionImport.Source.COMMAND, dry_run=dry_run
        )

    def summary(self, run):
        return import_summary(run)

    def show(self, plan, *, dry_run, verbosity):
        if dry_run or verbosity > 1:
            for row in plan.rows:
                what = "record" if row.action == "create" else "already recorded"
                self.stdout.write(
                    f"line {row.line}: {what} {row.employee_number} {row.course_slug} {row.completed_at.isoformat()}"
                )
