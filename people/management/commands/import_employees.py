"""Import employees and departments from an HR CSV file (columns: see people/hr_import.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.exceptions import ImportRejected
from people.models import ImportRun
from people.services import employees_import, import_summary


def _show(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class Command(BaseCommand):
    help = (
        "Create and update employees (by employee number) and departments (by code) from an HR CSV file. "
        "A file with any bad row is rejected whole and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, with a header row.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}")
        try:
            run, plan = employees_import(
                data=data, file_name=path.name, source=ImportRun.Source.COMMAND, dry_run=dry_run
            )
        except ImportRejected as rejected:
            for line, message in rejected.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(str(rejected))
        verbosity = options.get("verbosity", 1)
        for department in plan.departments:
            if department.action != "unchanged" or verbosity > 1:
                changes = ", ".join(f"{k}: {_show(a)} → {_show(b)}" for k, (a, b) in department.changes.items())
                self.stdout.write(
                    f"line {department.line}: department {department.code} {department.action}"
                    + (f" ({department.name})" if department.action == "create" else "")
                    + (f" ({changes})" if changes else "")
                )
        for row in plan.rows:
            if row.action == "create":
                self.stdout.write(f"line {row.line}: create {row.employee_number} {row.name}")
            elif row.action == "update":
                changes = ", ".join(f"{k}: {_show(a)} → {_show(b)}" for k, (a, b) in row.changes.items())
                self.stdout.write(f"line {row.line}: update {row.employee_number} {row.name} ({changes})")
            elif verbosity > 1 or dry_run:
                self.stdout.write(f"line {row.line}: unchanged {row.employee_number} {row.name}")
        self.stdout.write(self.style.SUCCESS(import_summary(run)))
