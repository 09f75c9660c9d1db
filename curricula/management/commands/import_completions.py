"""Import course completions made before this system (columns: see curricula/completion_import.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curricula.import_services import CompletionImportRejected, completions_import, import_summary
from curricula.models import CompletionImport


class Command(BaseCommand):
    help = (
        "Record earlier course completions from a CSV file (employee_number, course_slug, completed_at, "
        "optional source_note) and re-evaluate assignments. A file with any bad row is rejected whole and "
        "nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, with a header row.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show what it would record.")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}")
        try:
            run, plan = completions_import(
                data=data, file_name=path.name, source=CompletionImport.Source.COMMAND, dry_run=dry_run
            )
        except CompletionImportRejected as rejected:
            for line, message in rejected.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(str(rejected))
        if dry_run or options.get("verbosity", 1) > 1:
            for row in plan.rows:
                what = "record" if row.action == "create" else "already recorded"
                self.stdout.write(
                    f"line {row.line}: {what} {row.employee_number} {row.course_slug} {row.completed_at.isoformat()}"
                )
        self.stdout.write(self.style.SUCCESS(import_summary(run)))
