"""Benchmark the compliance report on the current database (SQLite by default, PostgreSQL when
DATABASE_URL says so).

Seeds an organisation (default 20,000 employees in 50 departments, 5 curricula, realistic states)
with bulk inserts inside a transaction that is rolled back at the end (unless --keep), then prints:
the /compliance/ page time for a training admin (top of the organisation) and for one department
head (median of --runs), their query counts, the same aggregate as one raw SQL query and the ratio,
the CSV and XLSX writers on every assignment (default 100,000 rows: what an export job writes) with
rows a second and peak Python memory, openpyxl's write-only workbook beside XlsxWriter with
--openpyxl, and the streamed CSV view of one curriculum (below the job threshold).

The page reads the compliance rollup (built once after seeding; its time is printed) and its totals
are checked against the raw aggregate on every run. Queries are counted with an execute wrapper,
whatever their number; a page that runs none stops the benchmark.

Targets: page < 300 ms and within 3× the raw query; CSV ≥ 100,000 rows/s; XLSX of 100,000 rows
< 10 s; flat memory."""

import datetime
import os
import random
import statistics
import tempfile
import time
import tracemalloc
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends.base import SessionBase
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from courses.catalogue.models import Course
from courses.curricula import export_selectors, exports, rollups, selectors, views
from courses.curricula.models import Assignment, Curriculum
from courses.people.models import Department, Employee
from lms.benchmark.measure import analyze_own_tables

UNUSABLE = "!"  # Django's marker of an unusable password: nobody logs in as a benchmark user
PAGE_TARGET_MS = 300
RATIO_TARGET = 3
EXPORT_TARGET_S = 10
CSV_TARGET_ROWS_PER_S = 100_000
State = Assignment.State

# (state, exempt, share): what a city's compliance looks like a year into a programme.
MIX = [
    (State.COMPLETE, False, 0.55),
    (State.WINDOW_OPEN, False, 0.07),
    (State.IN_PROGRESS, False, 0.10),
    (State.ASSIGNED, False, 0.09),
    (State.OVERDUE, False, 0.12),
    (State.EXPIRED, False, 0.05),
    (State.ASSIGNED, True, 0.02),
]


class _Rollback(Exception):
    pass


class QueryCounter:
    """Counts every query the connection executes, however many (Django's CaptureQueriesContext
    keeps only the last 9,000, so a large export would count as none)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


@contextmanager
def counting_queries():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


class Command(BaseCommand):
    help = "Seed a large organisation (rolled back afterwards) and time the compliance page and exports."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=20_000)
        parser.add_argument("--departments", type=int, default=50)
        parser.add_argument("--curricula", type=int, default=5)
        parser.add_argument("--runs", type=int, default=7, help="Page runs per viewer; the median is reported.")
        parser.add_argument("--keep", action="store_true", help="Keep the seeded rows instead of rolling back.")
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--openpyxl", action="store_true", help="Also time openpyxl's write-only workbook.")

    def handle(self, *args, employees, departments, curricula, runs, keep, seed, openpyxl, **options):
        if employees < 1 or departments < 2 or curricula < 1 or runs < 1:
            raise CommandError("Need at least 1 employee, 2 departments, 1 curriculum and 1 run.")
        self.random = random.Random(seed)
        vendor = connection.vendor
        self.stdout.write(f"Database: {vendor} ({connection.settings_dict['NAME']})")
        try:
            with transaction.atomic():
                started = time.perf_counter()
                admin, head, head_department = self._seed(employees, departments, curricula)
                self.stdout.write(
                    f"Seeded {employees} employees, {departments} departments, {curricula} curricula, "
                    f"{Assignment.objects.count()} assignments in {time.perf_counter() - started:.1f} s"
                )
                started = time.perf_counter()
                report = rollups.compliance_rollup_repair()
                self.stdout.write(
                    f"Compliance rollup built: {report.rows} rows from {report.assignments} assignments "
                    f"in {time.perf_counter() - started:.2f} s"
                )
                analyze_own_tables()  # the project's tables only: see there why not a bare ANALYZE
                self._measure_page("training admin (whole organisation)", admin, None, runs)
                self._measure_page(f"department head ({head_department.name} subtree)", head, head_department, runs)
                self._measure_writer("CSV", self._write_csv, admin)
                self._measure_writer("XLSX (XlsxWriter, constant memory)", self._write_xlsx, admin)
                if openpyxl:
                    self._measure_writer("XLSX (openpyxl write-only, lxml)", self._write_openpyxl, admin)
                one = Curriculum.objects.filter(name="Benchmark curriculum 1").order_by("-pk").first()
                self._measure_export(
                    "CSV", views.compliance_export_csv, admin, {"curriculum": one.pk}, "view, one curriculum"
                )
                if not keep:
                    raise _Rollback
        except _Rollback:
            self.stdout.write("Seeded rows rolled back.")

    # Seeding ------------------------------------------------------------------------------------------

    def _seed(self, employee_count, department_count, curriculum_count):
        User = get_user_model()
        stamp = timezone.now().strftime("%H%M%S%f")
        root = Department.add_root(name="Benchmark City", code=f"bench-{stamp}")
        divisions = max(1, min(7, (department_count - 1) // 7))
        parents = [root.add_child(name=f"Division {i + 1}", code=f"bench-{stamp}-d{i}") for i in range(divisions)]
        all_departments = [root, *parents]
        for index in range(department_count - len(all_departments)):
            parent = parents[index % len(parents)]
            all_departments.append(parent.add_child(name=f"Unit {index + 1}", code=f"bench-{stamp}-u{index}"))

        users = User.objects.bulk_create(
            [
                User(
                    username=f"bench-{stamp}-{i}",
                    first_name=self.random.choice(FIRST_NAMES),
                    last_name=self.random.choice(LAST_NAMES),
                    password=UNUSABLE,
                )
                for i in range(employee_count)
            ],
            batch_size=2000,
        )
        if users and users[0].pk is None:
            users = list(User.objects.filter(username__startswith=f"bench-{stamp}-").order_by("pk"))
        today = timezone.localdate()
        Employee.objects.bulk_create(
            [
                Employee(
                    user=user,
                    employee_number=f"B{stamp[-6:]}{i:07d}",
                    department=all_departments[i % len(all_departments)],
                    job_title="Analyst",
                    hire_date=today - datetime.timedelta(days=self.random.randint(30, 9000)),
                )
                for i, user in enumerate(users)
            ],
            batch_size=2000,
        )
        admin = User.objects.create(username=f"bench-{stamp}-admin", password=UNUSABLE)
        admin.groups.add(Group.objects.get_or_create(name=settings.TRAINING_ADMINS_GROUP)[0])
        head = User.objects.create(username=f"bench-{stamp}-head", password=UNUSABLE)
        parents[0].heads.add(head)

        courses = Course.objects.bulk_create(
            [Course(slug=f"bench-{stamp}-c{i}", title=f"Benchmark course {i}") for i in range(curriculum_count * 2)]
        )
        if courses and courses[0].pk is None:
            courses = list(Course.objects.filter(slug__startswith=f"bench-{stamp}-c").order_by("pk"))
        curricula = []
        for index in range(curriculum_count):
            curriculum = Curriculum.objects.create(
                name=f"Benchmark curriculum {index + 1}",
                slug=f"bench-{stamp}-{index}",
                recert_period_months=24 if index % 2 == 0 else None,
            )
            curriculum.courses.set(courses[index * 2 : index * 2 + 2])
            curricula.append(curriculum)

        now = timezone.now()
        states = [(state, exempt) for state, exempt, _share in MIX]
        weights = [share for _state, _exempt, share in MIX]
        batch = []
        for curriculum in curricula:
            for user in users:
                state, exempt = self.random.choices(states, weights)[0]
                certified = state in (State.COMPLETE, State.WINDOW_OPEN, State.EXPIRED)
                completed_on = today - datetime.timedelta(days=self.random.randint(1, 700))
                expires_on = completed_on + datetime.timedelta(days=730) if certified else None
                batch.append(
                    Assignment(
                        curriculum=curriculum,
                        user=user,
                        state=state,
                        exempt=exempt,
                        assigned_at=now - datetime.timedelta(days=400),
                        due_on=today + datetime.timedelta(days=self.random.randint(-60, 60)),
                        completed_at=now - (today - completed_on) if certified else None,
                        expires_on=expires_on,
                        window_opens_on=expires_on - datetime.timedelta(days=60) if expires_on else None,
                    )
                )
                if len(batch) >= 5000:
                    Assignment.objects.bulk_create(batch, batch_size=2500)
                    batch = []
        Assignment.objects.bulk_create(batch, batch_size=2500)
        return admin, head, parents[0]

    # Measuring ----------------------------------------------------------------------------------------

    def _request(self, user, path, params=None):
        request = RequestFactory(SERVER_NAME="localhost").get(path, params or {})
        request.user = user
        request.session = SessionBase()
        request._messages = default_storage(request)
        request.LANGUAGE_CODE = "en"
        return request

    def _raw_aggregate(self, path_prefix):
        sql = """
            SELECT e.department_id, COUNT(a.id),
                   SUM(CASE WHEN a.state IN ('complete', 'window_open') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.exempt AND a.state NOT IN ('complete', 'window_open') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.state = 'assigned' AND NOT a.exempt THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.state = 'in_progress' AND NOT a.exempt THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.state = 'overdue' AND NOT a.exempt THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.state = 'expired' AND NOT a.exempt THEN 1 ELSE 0 END)
            FROM curricula_assignment a
            JOIN people_employee e ON e.user_id = a.user_id
            JOIN people_department d ON d.id = e.department_id
            JOIN curricula_curriculum c ON c.id = a.curriculum_id
            WHERE a.ended_at IS NULL AND c.active AND e.active AND d.path LIKE %s
            GROUP BY e.department_id
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [path_prefix + "%"])
            return cursor.fetchall()

    def _check_same_numbers(self, user, raw_rows):
        """The page reads the rollup: its totals must be the raw aggregate's, to the person."""
        _rows, total = selectors.compliance_by_department(user)
        page = [total.assigned, total.certified, total.exempt, total.not_started]
        page += [total.in_progress, total.overdue, total.expired]
        raw = [sum(row[column] or 0 for row in raw_rows) for column in range(1, 8)]
        if page != raw:
            raise CommandError(f"The compliance rollup disagrees with the assignments: {page} != {raw}")

    def _measure_page(self, label, user, department, runs):
        page_times, raw_times = [], []
        queries = 0
        for run in range(runs + 1):  # the first run warms caches and is not counted
            for attribute in ("_compliance_scope_paths", "_group_names"):
                if hasattr(user, attribute):
                    delattr(user, attribute)
            request = self._request(user, "/compliance/")
            with counting_queries() as captured:
                start = time.perf_counter()
                response = views.compliance(request)
                elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.status_code
            start = time.perf_counter()
            raw_rows = self._raw_aggregate(department.path if department else "")
            raw = (time.perf_counter() - start) * 1000
            self._check_same_numbers(user, raw_rows)
            if not len(captured):
                raise CommandError("The page ran no query that could be counted: the measure cannot be trusted.")
            if run:
                page_times.append(elapsed)
                raw_times.append(raw)
                queries = len(captured)
        page, raw = statistics.median(page_times), statistics.median(raw_times)
        ratio = page / raw if raw else float("inf")
        self.stdout.write(f"/compliance/ as {label}:")
        self.stdout.write(
            f"  page {page:.1f} ms median of {runs} (target < {PAGE_TARGET_MS} ms) "
            f"{'OK' if page < PAGE_TARGET_MS else 'OVER'}; {queries} queries"
        )
        self.stdout.write(
            f"  raw aggregate {raw:.1f} ms; page/raw {ratio:.2f}x (target ≤ {RATIO_TARGET}x) "
            f"{'OK' if ratio <= RATIO_TARGET else 'OVER'}"
        )

    def _write_csv(self, user, path):
        header, query = export_selectors.compliance_export_text_rows(user)
        with open(path, "wb") as output:
            exports.write_csv(header, query, output)

    def _write_xlsx(self, user, path):
        exports.write_xlsx(
            export_selectors.compliance_export_rows(user),
            path,
            title="Compliance",
            date_columns=export_selectors.EXPORT_DATE_COLUMNS,
            widths=export_selectors.EXPORT_WIDTHS,
        )

    def _write_openpyxl(self, user, path):
        rows = export_selectors.compliance_export_rows(user)
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Compliance")
        sheet.freeze_panes = "A2"
        header = next(rows)
        bold = Font(bold=True)
        cells = []
        for value in header:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        count = 0
        for row in rows:
            sheet.append([exports.safe_cell(value) for value in row])
            count += 1
        sheet.auto_filter.ref = f"A1:M{count + 1}"
        workbook.save(path)

    def _measure_writer(self, label, write, user):
        """What an export job does: every row the viewer sees, written to a file."""
        handle, path = tempfile.mkstemp()
        os.close(handle)
        try:
            rows_total = export_selectors.compliance_export_count(user)
            with counting_queries() as captured:
                start = time.perf_counter()
                write(user, path)
                elapsed = time.perf_counter() - start
            size = os.path.getsize(path)
            tracemalloc.start()  # a second pass for memory, not timed (tracing slows Python down)
            write(user, path)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            os.unlink(path)
        rate = rows_total / elapsed if elapsed else float("inf")
        verdict = (
            f"target ≥ {CSV_TARGET_ROWS_PER_S:,} rows/s {'OK' if rate >= CSV_TARGET_ROWS_PER_S else 'UNDER'}"
            if label == "CSV"
            else f"target < {EXPORT_TARGET_S} s {'OK' if elapsed < EXPORT_TARGET_S else 'OVER'}"
        )
        self.stdout.write(
            f"Export {label}: {rows_total} rows, {size / 1_048_576:.1f} MB in {elapsed:.2f} s ({rate:,.0f} rows/s; "
            f"{verdict}); peak Python memory {peak / 1_048_576:.1f} MB; {len(captured)} queries"
        )

    def _consume(self, view, request):
        with counting_queries() as captured:
            response = view(request)
            size = lines = 0
            for chunk in response.streaming_content:
                size += len(chunk)
                lines += chunk.count("\n") if isinstance(chunk, str) else chunk.count(b"\n")
        # Not response.close(): it sends request_finished, which would close the connection that
        # holds the benchmark's transaction.
        return size, lines, len(captured)

    def _measure_export(self, label, view, user, params=None, note=""):
        request = self._request(user, "/compliance/export", params)
        start = time.perf_counter()
        size, lines, queries = self._consume(view, request)
        elapsed = time.perf_counter() - start
        tracemalloc.start()  # a second pass for memory: tracing slows Python down, so it is not timed
        self._consume(view, self._request(user, "/compliance/export", params))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows_text = f"{lines - 1} rows, " if label == "CSV" else ""
        self.stdout.write(
            f"Export {label}{' ' + note if note else ''}: {rows_text}{size / 1_048_576:.1f} MB in {elapsed:.2f} s "
            f"(target < {EXPORT_TARGET_S} s) {'OK' if elapsed < EXPORT_TARGET_S else 'OVER'}; "
            f"peak Python memory {peak / 1_048_576:.1f} MB; {queries} queries"
        )


FIRST_NAMES = ["Ana", "Ben", "Cai", "Dee", "Eun-ji", "Farah", "Gabriel", "Hương", "Imani", "José", "Kiona", "Li"]
LAST_NAMES = ["Ruiz", "Okafor", "Lin", "Nguyễn", "Begay", "Haddad", "Washington", "Kim", "Martínez", "Chen"]
