"""Exports a head can use (columns, file names, a real spreadsheet) and exports that never time out
(chunked CSV, background jobs for large ones: progress, "My exports", owner only, expiry, e-mail)."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from courses.curricula import export_jobs, export_selectors, exports, services
from courses.curricula.models import Assignment, ExportJob
from tests.curricula.factories import city_with_compliance
from tests.factories import UserFactory, training_admin

pytestmark = pytest.mark.django_db
State = Assignment.State
HEADER = [
    "Employee number",
    "Name",
    "E-mail",
    "Department",
    "Job title",
    "Curriculum",
    "State",
    "Due date",
    "Days overdue",
    "Certified on",
    "Expires on",
    "Exemption or extension",
    "Reason",
]


@pytest.fixture
def city():
    return city_with_compliance()


def read_csv(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def csv_of(response):
    return read_csv(b"".join(response.streaming_content))


def test_the_csv_has_the_columns_a_head_uses(client, city):
    ben = city["people"]["ben"]
    client.force_login(city["head"])
    rows = csv_of(client.get("/compliance/export.csv"))
    assert rows[0] == HEADER
    row = next(r for r in rows if r[1] == "Ben Okafor")
    today = timezone.localdate()
    due = Assignment.objects.get(user=ben.user).due_on
    assert row[0] == ben.employee_number and row[2] == ben.user.email
    assert row[3:8] == ["Parks", ben.job_title, "Anti-Racism Foundations", "Overdue", due.isoformat()]
    assert row[8] == str((today - due).days) == "10"
    ana = next(r for r in rows if r[1] == "Ana Ruiz")
    assert ana[8] == "" and ana[9] == (today - datetime.timedelta(days=3)).isoformat()


def test_exemptions_and_extensions_come_with_their_reason(client, city):
    admin = training_admin()
    ben = Assignment.objects.get(user=city["people"]["ben"].user)
    cai = Assignment.objects.get(user=city["people"]["cai"].user)
    services.assignment_exempt(assignment=ben, by=admin, reason="Long-term leave")
    services.assignment_extend(
        assignment=cai, by=admin, due_on=cai.due_on + datetime.timedelta(days=20), reason="Field season"
    )
    client.force_login(city["head"])
    rows = {r[1]: r for r in csv_of(client.get("/compliance/export.csv"))}
    assert rows["Ben Okafor"][11:] == ["Exempt", "Long-term leave"] and rows["Ben Okafor"][8] == ""
    assert rows["Cai Lin"][11:] == ["Extended", "Field season"]
    assert rows["Cai Lin"][7] == (cai.due_on + datetime.timedelta(days=20)).isoformat()


def test_file_names_carry_the_scope_and_the_date(client, city):
    today = timezone.localdate().isoformat()
    client.force_login(city["head"])
    whole = client.get("/compliance/export.csv")["Content-Disposition"]
    parks = client.get("/compliance/export.csv", {"department": city["parks"].pk})["Content-Disposition"]
    assert whole == f'attachment; filename="compliance-my-departments-{today}.csv"'
    assert parks == f'attachment; filename="compliance-parks-{city["parks"].pk}-{today}.csv"'
    one = client.get("/compliance/export.xlsx", {"curriculum": city["curriculum"].pk})["Content-Disposition"]
    assert f"compliance-my-departments-{city['curriculum'].slug}-{today}.xlsx" in one
    client.force_login(training_admin())
    assert f"compliance-all-departments-{today}.csv" in client.get("/compliance/export.csv")["Content-Disposition"]


def test_the_xlsx_has_a_bold_frozen_header_filters_widths_and_real_dates(client, city):
    client.force_login(city["head"])
    response = client.get("/compliance/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    assert header == HEADER
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M4"
    assert sheet.column_dimensions["B"].width > 20
    due = sheet.cell(row=2, column=8)
    assert isinstance(due.value, datetime.datetime) and due.is_date
    days = [sheet.cell(row=r, column=9).value for r in range(2, 5)]
    assert 10 in days


def test_the_csv_reaches_the_server_in_chunks_of_many_rows():
    query = ContentType.objects.order_by("pk").values_list("app_label", "model")
    expected = [list(row) for row in query]
    chunks = list(exports.csv_query_chunks(["App", "Model"], query, chunk_rows=10))
    assert 2 <= len(chunks) <= 2 + len(expected) // 10  # the header, then many rows a chunk
    assert read_csv(b"".join(chunks)) == [["App", "Model"], *expected]


def test_the_database_writes_each_cell_as_the_typed_rows_read(city):
    """The CSV's cells are formatted by the database (COPY on PostgreSQL): they must read exactly
    as the typed rows that the XLSX holds, for text that looks like a formula, that holds commas,
    quotes or line breaks, empty text, other scripts, exemptions and extensions, overdue days, and
    a completion late in the evening (the city's date, not UTC's)."""
    admin = training_admin()
    people = city["people"]
    ana, ben, cai, dee = (people[name] for name in ("ana", "ben", "cai", "dee"))
    ana.user.first_name, ana.user.last_name = "=Ana", 'Ruiz, "Jr."'
    ana.user.save()
    cai.user.first_name = ""
    cai.user.save()
    cai.job_title = ""
    cai.save()
    ben.job_title = "-lead\tnight"
    ben.save()
    dee.user.first_name = "سلمى"
    dee.user.save()
    city["parks"].name = "@Parks\nand Recreation"
    city["parks"].save()
    city["curriculum"].name = "+Foundations, 2026"
    city["curriculum"].save()
    services.assignment_exempt(
        assignment=Assignment.objects.get(user=ben.user), by=admin, reason='Leave\nline two, "quoted"'
    )
    extended = Assignment.objects.get(user=cai.user)
    services.assignment_extend(
        assignment=extended, by=admin, due_on=extended.due_on + datetime.timedelta(days=20), reason="@field season"
    )
    late = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30))  # the next day in UTC
    Assignment.objects.filter(user=dee.user).update(completed_at=late)
    header, query = export_selectors.compliance_export_text_rows(admin)
    written = b"".join(exports.csv_query_chunks(header, query))
    rows = export_selectors.compliance_export_rows(admin)
    typed = [["" if v is None else str(exports.safe_cell(v)) for v in row] for row in rows]
    assert read_csv(written) == typed
    assert written.startswith("\ufeff".encode()) and b"\r\n" not in written
    by_name = {row[1]: row for row in typed}
    assert by_name['\'=Ana Ruiz, "Jr."'][3] == "'@Parks\nand Recreation"
    assert by_name["Lin"][4] == "" and by_name["Lin"][11:] == ["Extended", "'@field season"]
    assert by_name["Ben Okafor"][4] == "'-lead\tnight" and by_name["Ben Okafor"][8] == ""
    assert by_name["سلمى Outsider"][9] == "2026-03-01"
    if connection.vendor == "postgresql":  # COPY and the csv module write the same bytes
        module = b"".join(exports._module_chunks(query, 2, None))
        seen = []

        def watch(execute, sql, params, many, context):
            seen.append(sql[:6])
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(watch):
            assert b"".join(exports._copy_chunks(connection, query, None)) == module
        # The COPY is counted wherever queries are: the query log and the execute wrappers.
        assert [q["sql"][:6] for q in captured.captured_queries] == seen == ["COPY ("]


@pytest.fixture
def small_threshold(settings):
    settings.COMPLIANCE_EXPORT_ASYNC_ROWS = 2


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """GET an export and run the job it queues, as the worker would once the request committed."""

    def get(url, params=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(url, params or {})

    return get


def test_while_a_job_waits_its_page_shows_its_progress(client, city, small_threshold):
    client.force_login(city["head"])
    response = client.get("/compliance/export.xlsx")  # the job is queued on commit: not run here
    job = ExportJob.objects.get()
    assert job.state == ExportJob.State.QUEUED
    ExportJob.objects.filter(pk=job.pk).update(rows_done=1)
    page = client.get(response["Location"]).content.decode()
    assert "Waiting to start" in page and "<progress" in page and "1 of 3 rows" in page
    assert "being prepared in the background" in page
    assert client.get(f"/compliance/exports/{job.pk}/download/").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_runs_as_a_job_the_owner_downloads_and_is_told_about(client, city, small_threshold, ask, fmt):
    client.force_login(city["head"])
    response = ask(f"/compliance/export.{fmt}")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/compliance/exports/{job.pk}/"
    assert (job.state, job.rows_total, job.owner) == (ExportJob.State.READY, 3, city["head"])  # sync queue in tests
    page = client.get(response["Location"]).content.decode()
    assert "Download compliance-my-departments-" in page
    status = client.get(f"/compliance/exports/{job.pk}/status.json").json()
    assert status["state"] == "ready" and status["percent"] == 100
    download = client.get(f"/compliance/exports/{job.pk}/download/")
    content = b"".join(download.streaming_content)
    if fmt == "csv":
        assert sorted(r[1] for r in read_csv(content)[1:]) == ["Ana Ruiz", "Ben Okafor", "Cai Lin"]
    else:
        assert load_workbook(io.BytesIO(content)).active.max_row == 4
    assert job.filename in download["Content-Disposition"]
    assert [m.to for m in mail.outbox] == [[city["head"].email]] and job.filename in mail.outbox[0].subject
    assert job.filename in client.get("/compliance/exports/").content.decode()


def test_an_export_job_is_readable_only_by_the_person_who_asked(client, city, small_threshold, ask):
    client.force_login(city["head"])
    ask("/compliance/export.csv")
    job = ExportJob.objects.get()
    other_head = UserFactory()
    city["parks"].heads.add(other_head)
    for viewer in (other_head, training_admin()):
        client.force_login(viewer)
        for url in ("", "status.json", "download/"):
            assert client.get(f"/compliance/exports/{job.pk}/{url}").status_code == 404
        assert job.filename not in client.get("/compliance/exports/").content.decode()
    client.force_login(city["people"]["ana"].user)
    assert client.get(f"/compliance/exports/{job.pk}/download/").status_code == 403


def test_an_export_job_expires_after_seven_days(client, city, small_threshold, ask):
    client.force_login(city["head"])
    ask("/compliance/export.csv")
    job = ExportJob.objects.get()
    assert job.expires_at - job.created_at == pytest.approx(datetime.timedelta(days=7), abs=datetime.timedelta(1))
    name = job.file.name
    job.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    job.save()
    assert client.get(f"/compliance/exports/{job.pk}/download/").status_code == 404
    assert export_jobs.exports_delete_expired() == 1
    assert not ExportJob.objects.exists()
    assert not job.file.storage.exists(name)


def test_an_export_job_keeps_the_heads_scope(client, city, settings, ask):
    settings.COMPLIANCE_EXPORT_ASYNC_ROWS = 0
    city["parks"].heads.remove(city["head"])
    city["trails"].heads.add(city["head"])
    Assignment.objects.filter(user=city["people"]["dee"].user).update(state=State.OVERDUE)
    client.force_login(city["head"])
    ask("/compliance/export.csv")
    job = ExportJob.objects.get()
    assert job.rows_total == 1
    content = b"".join(client.get(f"/compliance/exports/{job.pk}/download/").streaming_content)
    assert [r[1] for r in read_csv(content)[1:]] == ["Cai Lin"]


def test_a_failed_job_says_so_and_the_owner_is_told(client, city, small_threshold, ask, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_csv", broken)
    client.force_login(city["head"])
    response = ask("/compliance/export.csv")
    job = ExportJob.objects.get()
    assert job.state == ExportJob.State.FAILED and not job.file
    assert "This export failed" in client.get(response["Location"]).content.decode()
    assert "failed" in mail.outbox[0].subject
    assert client.get(f"/compliance/exports/{job.pk}/download/").status_code == 404


def test_running_a_finished_job_again_changes_nothing(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_jobs.export_job_create(
            owner=city["head"], fmt="csv", curriculum=None, department=None, rows_total=3
        )
    job.refresh_from_db()
    assert job.state == ExportJob.State.READY
    assert export_jobs.export_job_run(job_id=job.pk) == ExportJob.State.READY
