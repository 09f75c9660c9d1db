from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from courses.curricula.models import Assignment
from courses.people.models import Employee

pytestmark = pytest.mark.django_db


def test_the_benchmark_command_prints_every_figure_and_leaves_nothing_behind():
    out = StringIO()
    call_command("compliance_benchmark", employees=40, departments=9, curricula=2, runs=2, openpyxl=True, stdout=out)
    output = out.getvalue()
    assert "Seeded 40 employees, 9 departments, 2 curricula, 80 assignments" in output
    assert "/compliance/ as training admin (whole organisation):" in output
    assert "/compliance/ as department head (Division 1 subtree):" in output
    assert output.count("page/raw") == 2
    assert "Export CSV: 80 rows" in output and "Export CSV view, one curriculum: 40 rows" in output
    assert "Export XLSX (XlsxWriter, constant memory): 80 rows" in output
    assert "Export XLSX (openpyxl write-only, lxml): 80 rows" in output and "peak Python memory" in output
    assert not Assignment.objects.exists() and not Employee.objects.exists()


def test_the_benchmark_refuses_impossible_sizes():
    with pytest.raises(CommandError):
        call_command("compliance_benchmark", employees=0, stdout=StringIO())


def test_the_benchmark_reads_the_rollup_and_checks_it_against_the_raw_aggregate():
    out = StringIO()
    call_command("compliance_benchmark", employees=30, departments=9, curricula=2, runs=1, stdout=out)
    assert "Compliance rollup built: " in out.getvalue() and "from 60 assignments" in out.getvalue()


def test_the_benchmark_counts_every_query_however_many():
    from django.db import connection

    from courses.curricula.management.commands.compliance_benchmark import counting_queries

    with counting_queries() as counted, connection.cursor() as cursor:
        for _ in range(9_500):  # more than Django's CaptureQueriesContext keeps
            cursor.execute("SELECT 1")
    assert len(counted) == 9_500
