"""Writes of the people app. Each function is keyword-only, atomic and says what it guarantees."""

import io
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.csv_import import (
    PREVIEW_ROWS,
    FirstProblems,
    Problems,
    audit_failure,
    audit_rejection,
    file_sha256,
    rejected_message,
)

from . import hr_import
from .exceptions import DepartmentNotEmpty, ImportRejected
from .models import Department, Employee, ImportRun
from .signals import employee_changed, employees_changed

logger = logging.getLogger(__name__)

# Changes that curricula act on (assignments follow people when they join, move or leave).
TRACKED_FIELDS = ("department", "job_title", "hire_date", "active")
USER_FIELDS = ("first_name", "last_name", "email")
EMPLOYEE_FIELDS = ("department", "job_title", "hire_date", "preferred_language", "time_zone", "active")


def announce_employee_changed(*, employee_id: int, created: bool, changed_fields) -> None:
    """Send `employee_changed` once the current transaction commits, if anything tracked changed."""
    changed = [name for name in TRACKED_FIELDS if name in changed_fields]
    if not (created or changed):
        return
    fields = list(TRACKED_FIELDS) if created else changed
    transaction.on_commit(
        lambda: employee_changed.send(sender=Employee, employee_id=employee_id, created=created, changed_fields=fields)
    )


@transaction.atomic
def employee_create(
    *,
    employee_number: str,
    first_name: str,
    last_name: str,
    department: Department,
    email: str = "",
    job_title: str = "",
    hire_date=None,
    preferred_language: str = "en",
    active: bool = True,
) -> Employee:
    """Create an employee and their user account (login name: the employee number; no usable password
    until they reset it by e-mail). Announces `employee_changed` on commit."""
    User = get_user_model()
    user = User(
        username=hr_import.username_for(employee_number),
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_active=active,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    employee = Employee(
        user=user,
        employee_number=employee_number,
        department=department,
        job_title=job_title,
        hire_date=hire_date,
        preferred_language=preferred_language,
        active=active,
        deactivated_at=None if active else timezone.now(),
    )
    employee.full_clean()
    employee.save()
    announce_employee_changed(employee_id=employee.pk, created=True, changed_fields=TRACKED_FIELDS)
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, **values) -> list[str]:
    """Change an employee's name, e-mail, department, job title, hire date, language or active flag.
    Deactivating keeps every record (sets `deactivated_at`, and the account can no longer log in);
    reactivating clears it. Returns the names of the fields that changed and announces
    `employee_changed` on commit when a tracked one did."""
    unknown = set(values) - set(USER_FIELDS) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise TypeError(f"employee_update() got unexpected fields: {', '.join(sorted(unknown))}")
    changed = _employee_set(employee, values)
    if not changed:
        return changed
    employee.user.full_clean()
    employee.user.save()
    employee.full_clean()
    employee.save()
    announce_employee_changed(employee_id=employee.pk, created=False, changed_fields=changed)
    return changed


def _employee_set(employee: Employee, values: dict) -> list[str]:
    """Set `values` on the employee and their user (not saved); the names of the fields that changed.
    Deactivating stamps `deactivated_at` and closes the account; reactivating undoes both."""
    user = employee.user
    changed = []
    for name in USER_FIELDS:
        if name in values and getattr(user, name) != values[name]:
            setattr(user, name, values[name])
            changed.append(name)
    for name in EMPLOYEE_FIELDS:
        if name in values and getattr(employee, name) != values[name]:
            setattr(employee, name, values[name])
            changed.append(name)
    if "active" in changed:
        employee.deactivated_at = None if employee.active else timezone.now()
        user.is_active = employee.active
    return changed


@transaction.atomic
def department_save(*, department: Department, parent: Department | None, heads=None) -> Department:
    """Create `department` under `parent` (a top-level department when None), or save an existing
    one and move it, with its whole subtree, under `parent` if that changed. Refuses (ValidationError)
    a parent inside the department itself."""
    if parent is not None and department.pk and parent.path.startswith(department.path):
        raise ValidationError(_("A department cannot be part of itself or of a department below it."))
    department.full_clean(exclude=["path", "depth", "numchild"])
    if department.pk is None:
        if parent is None:
            department = Department.add_root(instance=department)
        else:
            department = Department.objects.get(pk=parent.pk).add_child(instance=department)
    else:
        department.save()
        current = department.get_parent(update=True)
        if (current.pk if current else None) != (parent.pk if parent else None):
            if parent is None:
                department.move(Department.get_first_root_node(), pos="sorted-sibling")
            else:
                department.move(Department.objects.get(pk=parent.pk), pos="sorted-child")
        department = Department.objects.get(pk=department.pk)
    if heads is not None:
        department.heads.set(heads)
    return department


@transaction.atomic
def department_delete(*, department: Department) -> None:
    """Delete a department that has no departments below it and no employees (current or former).
    Refused, with a message, otherwise: deleting would lose people's history."""
    department = Department.objects.select_for_update().get(pk=department.pk)
    if department.get_children_count():
        raise DepartmentNotEmpty(
            _("%(name)s has departments below it. Move or delete them first.") % {"name": department.name}
        )
    if department.employees.exists():
        raise DepartmentNotEmpty(
            _("%(name)s has employees (current or former). Move them to another department first.")
            % {"name": department.name}
        )
    department.delete()


def _apply_departments(plan: hr_import.ImportPreview) -> None:
    for department_plan in plan.departments:
        if department_plan.action == "unchanged":
            continue
        parent = Department.objects.get(code=department_plan.parent_code) if department_plan.parent_code else None
        if department_plan.action == "create":
            if parent is None:
                Department.add_root(code=department_plan.code, name=department_plan.name)
            else:
                parent.add_child(code=department_plan.code, name=department_plan.name)
            continue
        department = Department.objects.get(code=department_plan.code)
        if "name" in department_plan.changes:
            department.name = department_plan.name
            department.full_clean()
            department.save(update_fields=["name"])
        if "parent" in department_plan.changes:
            department.move(parent, pos="sorted-child")


def _row_refused(row, error: ValidationError) -> ImportRejected:
    return ImportRejected(
        _("The file was not imported: 1 problem. Nothing was changed."),
        errors=[(row.line, " ".join(error.messages))],
    )


def _chunk_refused(rows, error: DatabaseError) -> ImportRejected:
    logger.warning("HR import: lines %s to %s could not be written: %r", rows[0].line, rows[-1].line, error)
    return ImportRejected(
        _("The file was not imported: 1 problem. Nothing was changed."),
        errors=[
            (
                rows[0].line,
                _("The database refused a row between lines %(first)d and %(last)d; check their values.")
                % {"first": rows[0].line, "last": rows[-1].line},
            )
        ],
    )


# Checked for every row by its plan (lengths, e-mail, dates, the department and unique numbers and
# login names), so validating again skips what would cost a query per row.
_NO_QUERY = {"validate_unique": False, "validate_constraints": False}


def _write_rows(rows: list, existing: dict, departments: dict, progress=None) -> dict:
    """Write one checked chunk: new employees (and their accounts) in two bulk inserts, changed ones
    in bulk updates — except those who change department or active flag, saved one by one so the
    compliance rollup moves their assignments with them. Returns {employee id: tracked fields that
    changed} for the announcement. A refused row raises ImportRejected (the caller rolls back)."""
    User = get_user_model()
    now = timezone.now()
    new, changed_users, changed_employees, movers, changes = [], [], [], [], {}
    for row in rows:
        values = {**row.values, "department": departments[row.values["department"]]}
        if row.action == "create":
            user = User(
                username=hr_import.username_for(row.employee_number),
                first_name=values["first_name"],
                last_name=values["last_name"],
                email=values["email"],
                is_active=values["active"],
            )
            user.set_unusable_password()
            employee = Employee(
                user=user,
                employee_number=row.employee_number,
                department=values["department"],
                job_title=values["job_title"],
                hire_date=values["hire_date"],
                preferred_language=values["preferred_language"],
                active=values["active"],
                deactivated_at=None if values["active"] else now,
            )
            try:
                user.full_clean(**_NO_QUERY)
                employee.full_clean(exclude=["user", "department"], **_NO_QUERY)
            except ValidationError as error:
                raise _row_refused(row, error)
            new.append((user, employee))
        elif row.action == "update":
            employee = existing[row.employee_number]
            changed = _employee_set(employee, values)
            if not changed:
                continue
            try:
                employee.user.full_clean(**_NO_QUERY)
                employee.full_clean(exclude=["user", "department"], **_NO_QUERY)
            except ValidationError as error:
                raise _row_refused(row, error)
            if any(name in USER_FIELDS or name == "active" for name in changed):
                changed_users.append(employee.user)
            if "department" in changed or "active" in changed:
                movers.append(employee)
            else:
                employee.updated_at = now
                changed_employees.append(employee)
            tracked = [name for name in TRACKED_FIELDS if name in changed]
            if tracked:
                changes[employee.pk] = tracked
    try:
        if new:
            User.objects.bulk_create([user for user, _employee in new])
            for user, employee in new:
                employee.user = user
            Employee.objects.bulk_create([employee for _user, employee in new])
            changes.update({employee.pk: list(TRACKED_FIELDS) for _user, employee in new})
        if changed_users:
            User.objects.bulk_update(changed_users, [*USER_FIELDS, "is_active"])
        if changed_employees:
            Employee.objects.bulk_update(
                changed_employees, ["job_title", "hire_date", "preferred_language", "updated_at"]
            )
        for employee in movers:
            employee.save()
    except DatabaseError as error:
        raise _chunk_refused(rows, error)
    if progress is not None:
        progress.written(sum(1 for row in rows if row.action != "unchanged"))
    return changes


def announce_employees_changed(changes: dict) -> None:
    """Send `employees_changed` for these {employee id: changed tracked fields} once the current
    transaction commits."""
    if changes:
        transaction.on_commit(lambda: employees_changed.send(sender=Employee, changes=changes))


def _import_file(stream, *, plan: hr_import.ImportPreview, problems, progress=None, on_row=None) -> None:
    """Check and write the binary CSV `stream`, one chunk of IMPORT_CHUNK_ROWS rows at a time, inside
    the caller's transaction. Once a problem is found nothing more is written, but every row is still
    checked so the rejection lists them; the caller's rollback then undoes the chunks written."""
    departments = hr_import.departments_by_code()
    plan.departments = hr_import.plan_departments(stream, departments, problems)
    if not problems.total:
        try:
            _apply_departments(plan)
        except (ValidationError, DatabaseError) as error:
            logger.warning("HR import: departments could not be written: %r", error)
            raise ImportRejected(
                _("The file was not imported: 1 problem. Nothing was changed."),
                errors=[(1, _("The departments in this file could not be written; check their names and codes."))],
            )
    known_codes = set(departments) | {d.code for d in plan.departments}
    by_code = None
    for rows, existing in hr_import.checked_chunks(
        stream, problems, known_codes=known_codes, lock=True, progress=progress
    ):
        for row in rows:
            plan.add(row)
            if on_row is not None:
                on_row(row)
        if problems.total or not rows:
            continue
        if by_code is None:  # after _apply_departments: the departments the file created are in it
            by_code = hr_import.departments_by_code()
        announce_employees_changed(_write_rows(rows, existing, by_code, progress))
    plan.row_count = sum(plan.counts.values())
    plan.finish(problems)
    if plan.errors:
        raise ImportRejected(rejected_message(plan.errors, count=plan.error_count), errors=plan.errors)


def employees_import(
    *,
    data: bytes | None = None,
    file=None,
    file_name: str,
    actor=None,
    source: str = ImportRun.Source.COMMAND,
    dry_run: bool = False,
    progress=None,
    problems: Problems | None = None,
    on_row=None,
) -> tuple[ImportRun, hr_import.ImportPreview]:
    """Import an HR file (see courses/people/hr_import.py for its columns): create and update employees by
    employee number and departments by code, all or nothing. The file is checked again here, inside
    the transaction, whatever a preview said. A file with any bad row raises ImportRejected listing
    its problems, and nothing is written. Every run, rejected and dry ones too, leaves an ImportRun
    (who, when, which file, what it did); one that fails for a reason nobody foresaw is recorded as
    rejected before the error goes on.

    The file is `data` (bytes: the plan returned keeps every row and every problem) or `file` (an
    open binary file of any size: the plan keeps the counts, the first rows and the first
    problems). Either way it is streamed through in one transaction, IMPORT_CHUNK_ROWS rows checked
    and written at a time (new employees in bulk), so memory stays flat however many rows it has.

    A dry run applies the file exactly as a real run would and then rolls it back, so the preview
    refuses everything Apply would refuse. `progress` (an lms.import_jobs.ImportProgress) counts the
    rows checked and written, for the page of an import job. `problems` collects the problems instead
    (a Problems keeps every one, as for `data`); `on_row(row)` is called with each good row as it is
    checked (the command lists them from it, whatever the file's size)."""
    stream = File(io.BytesIO(data)) if file is None else file  # read by lines as uploads are (\r, \n or both)
    run = ImportRun(
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        file_name=(file_name or "")[-255:],
        file_sha256=file_sha256(stream),
    )
    whole = file is None
    plan = hr_import.ImportPreview(keep_rows=None if whole else PREVIEW_ROWS)
    if problems is None:
        problems = Problems() if whole else FirstProblems()
    with audit_failure(run), audit_rejection(run, rejected=ImportRejected, outcome=ImportRun.Outcome.REJECTED):
        with transaction.atomic():
            _import_file(stream, plan=plan, problems=problems, progress=progress, on_row=on_row)
            run.outcome = ImportRun.Outcome.DRY_RUN if dry_run else ImportRun.Outcome.APPLIED
            _count(run, plan)
            if dry_run:
                transaction.set_rollback(True)
            else:
                run.save()
        if dry_run:
            run.save()
    return run, plan


def employees_import_preview(
    *, file, file_name: str, actor=None, source: str = ImportRun.Source.ADMIN, progress=None
) -> tuple[ImportRun, hr_import.ImportPreview]:
    """Check an HR file of any size without writing it: the binary `file` is streamed through
    (hr_import.preview_import) in flat memory. Recorded as a dry run, or as rejected with the first
    problems (ImportRejected, counting them all). Applying the file checks it again in full."""
    run = ImportRun(
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        file_name=(file_name or "")[-255:],
        file_sha256=file_sha256(file),
    )
    with audit_failure(run), audit_rejection(run, rejected=ImportRejected, outcome=ImportRun.Outcome.REJECTED):
        preview = hr_import.preview_import(file, progress=progress)
        if preview.errors:
            raise ImportRejected(rejected_message(preview.errors, count=preview.error_count), errors=preview.errors)
        run.outcome = ImportRun.Outcome.DRY_RUN
        _count(run, preview)
        run.save()
    return run, preview


def _count(run: ImportRun, plan) -> None:
    run.rows = plan.row_count
    run.employees_created = plan.count("create")
    run.employees_updated = plan.count("update")
    run.employees_unchanged = plan.count("unchanged")
    run.departments_created = plan.department_count("create")
    run.departments_updated = plan.department_count("update")


def import_summary(run: ImportRun) -> str:
    """One sentence for messages and the command line."""
    numbers = {
        "created": run.employees_created,
        "updated": run.employees_updated,
        "unchanged": run.employees_unchanged,
        "dep_created": run.departments_created,
        "dep_updated": run.departments_updated,
    }
    if run.outcome == ImportRun.Outcome.DRY_RUN:
        return (
            _(
                "Dry run, nothing written: %(created)d employees to create, %(updated)d to update, "
                "%(unchanged)d unchanged; %(dep_created)d departments to create, %(dep_updated)d to change."
            )
            % numbers
        )
    return (
        _(
            "%(created)d employees created, %(updated)d updated, %(unchanged)d unchanged; "
            "%(dep_created)d departments created, %(dep_updated)d changed."
        )
        % numbers
    )


def signin_lockout_lift(*, actor, attempt_id: str):
    """Lift a sign-in lock-out: the failures counted for that record's account and its client are
    forgotten, so the person can sign in at once. Returns the record, or None if it is gone."""
    from axes.models import AccessAttempt
    from axes.utils import reset

    from .roles import require_training_admin

    require_training_admin(actor)
    if not (attempt_id.isascii() and attempt_id.isdigit()):
        return None
    attempt = AccessAttempt.objects.filter(pk=int(attempt_id)).first()
    if attempt is None:
        return None
    reset(username=attempt.username)
    reset(ip=attempt.ip_address)
    logger.info("Sign-in lock-out lifted for %s by %s", attempt.username, actor.get_username())
    return attempt
