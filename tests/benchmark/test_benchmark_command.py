"""`manage.py benchmark --scale small` keeps working (seconds), and its query count sees every query."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from lms.benchmark.measure import counting_queries, measure


@pytest.mark.django_db
def test_the_query_counter_sees_every_query_beyond_djangos_query_log(settings):
    settings.DEBUG = True  # Django's log then keeps the last 9,000 queries only
    with counting_queries() as counter, connection.cursor() as cursor:
        for _ in range(9_100):
            cursor.execute("SELECT 1")
    assert counter.count == 9_100


def test_a_measure_that_counts_no_query_fails_instead_of_printing_zero():
    with pytest.raises(RuntimeError, match="no query counted"):
        measure("nothing", lambda: None, runs=1)


@pytest.mark.django_db
def test_a_measure_reports_median_min_max_queries_and_memory():
    from courses.people.models import Department

    result = measure("departments", lambda: list(Department.objects.all()), runs=3)
    assert result.queries == 1 and len(result.times_ms) == 3 and result.peak_mb is not None
    assert min(result.times_ms) <= result.median <= max(result.times_ms)


@pytest.mark.django_db(transaction=True)
def test_benchmark_small_prints_one_table_with_every_measure():
    output = io.StringIO()
    call_command("benchmark", scale="small", runs=1, stdout=output)
    text = output.getvalue()
    table = text[text.index("| measure |") :]
    for name in (
        "/compliance/ training admin",
        "/compliance/ head of",
        "raw aggregate",
        "drill-down into",
        "CSV export",
        "XLSX export",
        "reconcile a new curriculum",
        "HR import, 300 rows",
        "/insights/curricula/",
        "personal calendar feed",
        "certificate PDF",
        "registration race",
    ):
        assert name in table, name
    assert "booked 25, waitlisted 75, errors 0" in table
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[6] != "0", f"a measure printed 0 queries: {line}"
    from courses.people.models import Employee

    assert not Employee.objects.exists(), "the organisation is rolled back"


@pytest.mark.django_db(transaction=True)
def test_benchmark_skip_insights_leaves_that_measure_out_and_prints_each_measure_as_it_is_done():
    output = io.StringIO()
    call_command("benchmark", scale="small", runs=1, skip=["insights"], stdout=output)
    text = output.getvalue()
    progress, table = text[: text.index("| measure |")], text[text.index("| measure |") :]
    assert "insights" not in table
    assert "certificate PDF" in table and "CSV export" in table
    assert "  /compliance/ training admin: median " in progress, "each measure is printed when it is done"


@pytest.mark.django_db
def test_benchmark_on_a_database_not_migrated_says_so_and_builds_nothing(monkeypatch):
    from django.core.management.base import CommandError
    from django.db.migrations.executor import MigrationExecutor

    from courses.people.models import Employee

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("people", "0099_later")])
    with pytest.raises(CommandError, match="run manage.py migrate first"):
        call_command("benchmark", scale="small", runs=1, stdout=io.StringIO())
    assert not Employee.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("only", "measured", "left_out"),
    [
        ("compliance", ["/compliance/ training admin", "drill-down into Division 1"], ["CSV export", "race"]),
        ("exports", ["CSV export, every assignment", "XLSX export, first", "rows/s"], ["/compliance/", "race"]),
        ("insights", ["insights snapshot build", "/insights/curricula/ equity analyst"], ["/compliance/", "CSV"]),
    ],
)
def test_benchmark_only_runs_those_measures_alone(only, measured, left_out):
    output = io.StringIO()
    call_command("benchmark", scale="small", runs=1, only=only, stdout=output)
    table = output.getvalue()[output.getvalue().index("| measure |") :]
    assert all(text in table for text in measured), table
    assert not any(text in table for text in left_out), table


@pytest.mark.django_db(transaction=True)
def test_benchmark_only_hr_import_measures_a_file_of_the_rows_asked_and_leaves_nothing_behind():
    from courses.people.models import Employee

    output = io.StringIO()
    call_command("benchmark", scale="small", runs=1, only="hr_import", hr_rows=450, stdout=output)
    text = output.getvalue()
    assert "HR import job, 450 rows" in text and ": 150 new, 300 existing (a tenth changed)" in text
    assert "HR import job, 450 rows, all existing, 15 changed" in text
    assert "rows/s" in text and "Peak resident memory" in text
    assert "/compliance/" not in text, "--only runs that measure alone"
    assert not Employee.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_benchmark_only_completions_import_runs_the_job_and_its_tasks_and_leaves_nothing_behind():
    from certificates.models import Certificate
    from courses.catalogue.models import CourseCompletion

    output = io.StringIO()
    call_command("benchmark", scale="small", runs=1, only="completions_import", completion_rows=450, stdout=output)
    text = output.getvalue()
    assert "Completions import job, 450 rows" in text and "rows/s" in text
    # 450 rows in chunks of IMPORT_CHUNK_ROWS (1,000): one certificate task for them all.
    assert "1 × certificates_issue_for_completions" in text
    # The curriculum certifications the re-evaluation makes: one bulk task, no task per certification.
    assert "1 × certificates_issue_for_curricula" in text and "× certificate_issue_for_curriculum " not in text
    assert " e-mails |" in text
    assert "/compliance/" not in text, "--only runs that measure alone"
    assert not CourseCompletion.objects.exists() and not Certificate.objects.exists()
