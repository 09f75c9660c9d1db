"""Import employees and departments from an HR CSV file (columns: see courses/people/hr_import.py)."""

from courses.people.exceptions import ImportRejected
from courses.people.models import ImportRun
from courses.people.services import employees_import, import_summary
from lms.import_command import ImportCommand


def _show(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class Command(ImportCommand):
    help = (
        "Create and update employees (by employee number) and departments (by code) from an HR CSV file. "
        "A file with any bad row is rejected whole and nothing is written."
    )
    dry_run_help = "Show what would change; write nothing."
    rejected = ImportRejected

    def run_import(self, *, file, file_name, dry_run, problems, on_row):
        return employees_import(
            file=file,
            file_name=file_name,
            source=ImportRun.Source.COMMAND,
            dry_run=dry_run,
            problems=problems,
            on_row=on_row,
        )

    def summary(self, run):
        return import_summary(run)

    def show_before_rows(self, plan, *, dry_run, verbosity):
        for department in plan.departments:
            if department.action != "unchanged" or verbosity > 1:
                changes = ", ".join(f"{k}: {_show(a)} → {_show(b)}" for k, (a, b) in department.changes.items())
                self.stdout.write(
                    f"line {department.line}: department {department.code} {department.action}"
                    + (f" ({department.name})" if department.action == "create" else "")
                    + (f" ({changes})" if changes else "")
                )

    def row_line(self, row, *, dry_run, verbosity):
        if row.action == "create":
            return f"line {row.line}: create {row.employee_number} {row.name}"
        if row.action == "update":
            changes = ", ".join(f"{k}: {_show(a)} → {_show(b)}" for k, (a, b) in row.changes.items())
            return f"line {row.line}: update {row.employee_number} {row.name} ({changes})"
        if verbosity > 1 or dry_run:
            return f"line {row.line}: unchanged {row.employee_number} {row.name}"
        return None
