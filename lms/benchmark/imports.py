"""The import measures of the benchmark command: the HR and completions files it writes to disk and
the runs that apply them as their import jobs do (rolled back)."""

import csv
import datetime
import io
import time
import tracemalloc
from collections import Counter

from django.db import connection, transaction
from django.utils import timezone
from django_q import tasks as django_q_tasks

from certificates.models import Certificate
from courses.people import hr_import
from courses.people.models import Department, Employee, ImportRun
from courses.people.services import employees_import
from lms.import_jobs import ImportProgress

from .measure import counting_queries


def hr_line(number, first_name, last_name, email, department_code, job_title, hire_date, language, active):
    return [
        number,
        first_name,
        last_name,
        email,
        department_code,
        job_title,
        hire_date.isoformat() if hire_date else "",
        language,
        "true" if active else "false",
    ]


def write_hr_file(handle, rows: int, *, retitle_new: bool) -> tuple[int, float]:
    """Write an HR file of `rows` rows to the binary `handle`: the employees there are (a tenth with a
    new job title), then new hires numbered H0000000… (with `retitle_new`, a tenth of those with a
    new title too). Returns how many rows name existing employees, and the file's size in MB."""
    departments = list(Department.objects.filter(depth__gt=1).values_list("code", flat=True)) or list(
        Department.objects.values_list("code", flat=True)
    )
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(hr_import.REQUIRED_COLUMNS)
    employees = (
        Employee.objects.exclude(employee_number__startswith="H")
        .select_related("user", "department")
        .order_by("pk")[:rows]
    )
    existing = 0
    for index, employee in enumerate(employees.iterator(chunk_size=2000)):
        user = employee.user
        title = "Senior analyst" if index % 10 == 0 else employee.job_title
        writer.writerow(
            hr_line(
                employee.employee_number,
                user.first_name or "A",
                user.last_name or "B",
                user.email,
                employee.department.code,
                title,
                employee.hire_date,
                employee.preferred_language,
                employee.active,
            )
        )
        existing += 1
    for index in range(rows - existing):
        number = f"H{index:07d}"
        title = "Senior analyst" if retitle_new and index % 10 == 0 else "Analyst"
        hired = datetime.date(2020, 1, 1) + datetime.timedelta(days=index % 1500)
        code = departments[index % len(departments)]
        writer.writerow(
            hr_line(number, "Ana", f"Hire {index}", f"{number.lower()}@city.example", code, title, hired, "en", True)
        )
    text.flush()
    text.detach()
    return existing, handle.tell() / 1_048_576


def hr_apply(handle, rows: int, *, keep: bool):
    """A run of the HR import of the file `handle` as the job applies it; rolled back unless `keep`."""

    def run():
        progress = ImportProgress()
        with transaction.atomic():
            result, _plan = employees_import(
                file=handle, file_name="benchmark.csv", source=ImportRun.Source.COMMAND, progress=progress
            )
            assert result.outcome == ImportRun.Outcome.APPLIED, result.errors[:3]
            assert progress.rows_checked == rows, (progress.rows_checked, rows)
            if not keep:
                transaction.set_rollback(True)

    return run


def write_completions_file(handle, rows: int, employees: list, courses: list) -> float:
    """Write a completions file of `rows` rows to the binary `handle`: each employee completing each
    course (people first), then the same again 400 days earlier, and so on: every row a new
    completion, a person's older ones superseded by the newer. Returns the file's size in MB."""
    from courses.curricula import completion_import

    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(completion_import.REQUIRED_COLUMNS)
    latest = timezone.localdate() - datetime.timedelta(days=30)
    pairs = len(employees) * len(courses)
    for index in range(rows):
        round_, pair = divmod(index, pairs)
        course, person = divmod(pair, len(employees))
        day = latest - datetime.timedelta(days=400 * round_ + index % 20)
        writer.writerow([employees[person], courses[course], day.isoformat()])
    text.flush()
    text.detach()
    return handle.tell() / 1_048_576


def peak_mb() -> float | None:
    """tracemalloc's peak since the last call (MB), None when not tracing."""
    if not tracemalloc.is_tracing():
        return None
    peak = tracemalloc.get_traced_memory()[1] / 1_048_576
    tracemalloc.reset_peak()
    return peak


def completions_apply(handle, rows: int):
    """One run of the completions import of the file `handle` as its job applies it, then of the tasks
    its commit queues, rolled back. Returns ((job ms, tasks ms), (job queries, task queries), the
    tasks run by name with their count and seconds, (job peak MB, tasks peak MB) when tracemalloc traces)."""
    from certificates import receivers as certificate_receivers
    from courses.curricula import receivers as curricula_receivers
    from courses.curricula.import_services import completions_import
    from courses.curricula.models import CompletionImport
    from courses.evaluations import receivers as evaluation_receivers

    queued = []
    patched = (certificate_receivers, curricula_receivers, evaluation_receivers, django_q_tasks)
    originals = [module.async_task for module in patched]
    for module in patched:
        module.async_task = lambda task, *args, **kwargs: queued.append((task, args))
    try:
        with transaction.atomic():
            waiting = len(connection.run_on_commit)
            progress = ImportProgress()
            peak_mb()
            started = time.perf_counter()
            with counting_queries() as job_queries:
                run, _plan = completions_import(
                    file=handle, file_name="benchmark.csv", source=CompletionImport.Source.ADMIN, progress=progress
                )
            job_ms = (time.perf_counter() - started) * 1000
            job_peak = peak_mb()
            assert run.outcome == CompletionImport.Outcome.APPLIED, run.errors[:3]
            assert progress.rows_checked == rows and run.created == rows, (progress.rows_checked, run.created, rows)
            if connection.vendor == "postgresql":
                # After the commit, autovacuum would soon analyse the tables the import filled; inside
                # this transaction the planner would still think them empty.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE courses_coursecompletion, curricula_certificationrecord")
            started = time.perf_counter()
            with counting_queries() as task_queries:
                # What the commit would run: the announcements, then every task they queue, in turn.
                while len(connection.run_on_commit) > waiting:
                    _savepoints, callback, _robust = connection.run_on_commit.pop(waiting)
                    callback()
                names, seconds = Counter(), Counter()
                while queued:
                    task, args = queued.pop(0)
                    name = f"{task.__module__}.{task.__name__}"
                    names[name] += 1
                    task_started = time.perf_counter()
                    task(*args)
                    seconds[name] += time.perf_counter() - task_started
                    while len(connection.run_on_commit) > waiting:  # what a task queues on its own commit
                        _savepoints, callback, _robust = connection.run_on_commit.pop(waiting)
                        callback()
            tasks_ms = (time.perf_counter() - started) * 1000
            tasks_peak = peak_mb()
            issued = Certificate.objects.filter(completion__source="import").count()
            assert issued == rows, f"{issued} certificates for {rows} imported completions"
            transaction.set_rollback(True)
    finally:
        for module, original in zip(patched, originals, strict=True):
            module.async_task = original
    names = {name: (count, seconds[name]) for name, count in names.items()}
    return (job_ms, tasks_ms), (job_queries.count, task_queries.count), names, (job_peak, tasks_peak)
