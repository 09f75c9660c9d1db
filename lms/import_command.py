"""The shared part of the CSV import management commands: a file argument and --dry-run, the file
streamed from disk through the import's chunked path (as the web import jobs apply it: flat memory,
all or nothing, audited), every problem of a rejected file on stderr as "line N: reason", the rows
listed and the summary at the end."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .csv_import import Problems


class ImportCommand(BaseCommand):
    """Subclasses set `dry_run_help` and `rejected` (the exception with .errors) and define
    `run_import(file=, file_name=, dry_run=, problems=, on_row=)` → (run, plan) (`file` an open
    binary file; `on_row(row)` called with each good row as it is checked), `row_line(row,
    dry_run=, verbosity=)` → the line listing a row, or None, `summary(run)`, and optionally
    `show_before_rows(plan, dry_run=, verbosity=)`."""

    dry_run_help = ""
    rejected = Exception

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, with a header row.")
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        verbosity = options.get("verbosity", 1)
        try:
            source = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}")
        # The rows' lines wait on disk until the file is known to be good: listed only then, in order,
        # without holding a file's worth of rows in memory.
        with source, tempfile.TemporaryFile("w+", encoding="utf-8") as listing:

            def on_row(row):
                line = self.row_line(row, dry_run=dry_run, verbosity=verbosity)
                if line is not None:
                    listing.write(line + "\n")

            try:
                run, plan = self.run_import(
                    file=source, file_name=path.name, dry_run=dry_run, problems=Problems(), on_row=on_row
                )
            except self.rejected as rejected:
                for line, message in rejected.errors:
                    self.stderr.write(f"line {line}: {message}")
                raise CommandError(str(rejected))
            except OSError as error:
                raise CommandError(f"Cannot read {file}: {error.strerror or error}")
            self.show_before_rows(plan, dry_run=dry_run, verbosity=verbosity)
            listing.seek(0)
            for line in listing:
                self.stdout.write(line.rstrip("\n"))
        self.stdout.write(self.style.SUCCESS(self.summary(run)))

    def run_import(self, *, file, file_name, dry_run, problems, on_row):
        raise NotImplementedError

    def row_line(self, row, *, dry_run, verbosity) -> str | None:
        raise NotImplementedError

    def show_before_rows(self, plan, *, dry_run, verbosity) -> None:
        pass

    def summary(self, run):
        raise NotImplementedError
