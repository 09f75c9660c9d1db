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

    def run_import(self, *, file, file_name, dry_run, problems, on_row):
        return completions_import(
            file=file,
            file_name=file_name,
            source=CompletionImport.Source.COMMAND,
            dry_run=dry_run,
            problems=problems,
            on_row=on_row,
        )

    def summary(self, run):
        return import_summary(run)

    def row_line(self, row, *, dry_run, verbosity):
        if not (dry_run or verbosity > 1):
            return None
        what = "record" if row.action == "create" else "already recorded"
        return f"line {row.line}: {what} {row.employee_number} {row.course_slug} {row.completed_at.isoformat()}"
