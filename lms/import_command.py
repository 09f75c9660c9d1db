"""The shared part of the CSV import management commands: a file argument and --dry-run, reading
the file, every problem of a rejected file on stderr as "line N: reason", the summary at the end."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    """Subclasses set `dry_run_help` and `rejected` (the exception with .errors) and define
    `run_import(data=, file_name=, dry_run=)` → (run, plan), `show(plan, dry_run=, verbosity=)`
    and `summary(run)`."""

    dry_run_help = ""
    rejected = Exception

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, with a header row.")
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}")
        try:
            run, plan = self.run_import(data=data, file_name=path.name, dry_run=dry_run)
        except self.rejected as rejected:
            for line, message in rejected.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(str(rejected))
        self.show(plan, dry_run=dry_run, verbosity=options.get("verbosity", 1))
        self.stdout.write(self.style.SUCCESS(self.summary(run)))

    def run_import(self, *, data, file_name, dry_run):
        raise NotImplementedError

    def show(self, plan, *, dry_run, verbosity):
        raise NotImplementedError

    def summary(self, run):
        raise NotImplementedError
