"""A large HR file is previewed streaming through the upload in flat memory (counts, a sample, the
first problems), waits in storage rather than the session, and is applied by the import job."""

import csv
import io
import tempfile
import tracemalloc

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.people import hr_import
from courses.people.models import Employee, HRImportJob, ImportRun
from courses.people.services import employees_import_preview
from lms.csv_import import PREVIEW_ERRORS, PREVIEW_ROWS
from tests.factories import DepartmentFactory, EmployeeFactory, training_admin
from tests.people.factories import HEADER, hr_row

pytestmark = pytest.mark.django_db
URL = "/admin/people/import/"


@pytest.fixture(autouse=True)
def stream_everything(settings):
    settings.IMPORT_STREAM_PREVIEW_BYTES = 0  # every upload takes the streaming preview


@pytest.fixture
def planning(db):
    return DepartmentFactory(code="planning", name="Planning")


@pytest.fixture
def admin_client(client):
    client.force_login(training_admin())
    return client


def write_file(handle, rows, *, bad_every=0):
    """`rows` generated employees written to the binary `handle`; every `bad_every`-th has a bad date."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=list(HEADER), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for index in range(rows):
        overrides = {"hire_date": "someday"} if bad_every and index % bad_every == 0 else {}
        writer.writerow(hr_row(f"7{index:06d}", **overrides))
    text.flush()
    text.detach()
    handle.seek(0)


def test_a_30000_row_file_previews_in_memory_far_below_its_size(planning):
    EmployeeFactory(employee_number="7000001", department=planning)
    with tempfile.TemporaryFile() as handle:
        write_file(handle, 30_000)
        size = handle.seek(0, 2)
        tracemalloc.start()
        try:
            preview = hr_import.preview_import(handle)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert preview.errors == []
    assert preview.row_count == 30_000
    assert (preview.count("create"), preview.count("update")) == (29_999, 1)
    assert len(preview.rows) == PREVIEW_ROWS
    # Reading the file whole held it twice (bytes and text) plus a dict and a plan per row; streaming
    # keeps one chunk of rows and the index of employee numbers seen (for duplicates).
    assert peak < 3 * size, (peak, size)


def test_a_file_with_thousands_of_problems_keeps_the_first_and_counts_them_all(planning):
    with tempfile.TemporaryFile() as handle:
        write_file(handle, 3_000, bad_every=2)
        with pytest.raises(Exception) as raised:
            employees_import_preview(file=handle, file_name="bad.csv")
    errors = raised.value.errors
    assert len(errors) == PREVIEW_ERRORS + 1
    assert errors[-1][0] == 0 and "Problems not shown: 1300." in errors[-1][1]
    assert "1500 problems" in str(raised.value)
    with tempfile.TemporaryFile() as handle:
        write_file(handle, 3_000, bad_every=2)
        preview = hr_import.preview_import(handle)
    assert preview.count("create") == 1500, "a bad row past the kept problems is still refused"
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REJECTED and run.file_name == "bad.csv"
    assert not Employee.objects.exists()


def test_the_row_cap_comes_from_the_settings(planning, settings):
    settings.IMPORT_MAX_ROWS = 10
    with tempfile.TemporaryFile() as handle:
        write_file(handle, 11)
        preview = hr_import.preview_import(handle)
    assert [message for _line, message in preview.errors] == ["The file has more than 10 rows. Split it."]


def test_a_line_that_is_not_utf8_is_reported_by_the_streaming_preview(planning):
    header = ",".join(HEADER).encode() + b"\n"
    data = header + b"1,\xff\xfe" + b"," * 7 + b"\n" + b"2,ok" + b"," * 7 + b"\n3,\xc3" + b"," * 7 + b"\n"
    with tempfile.TemporaryFile() as handle:
        handle.write(data)
        preview = hr_import.preview_import(handle)
    assert [line for line, _message in preview.errors] == [2, 4]
    assert all("not UTF-8" in message for _line, message in preview.errors)


def test_a_large_file_is_previewed_streaming_and_applied_by_the_job(
    admin_client, planning, task_worker, django_capture_on_commit_callbacks, settings
):
    settings.IMPORT_JOB_THRESHOLD = 100
    with tempfile.TemporaryFile() as handle:
        write_file(handle, 300)
        data = handle.read()
    response = admin_client.post(URL, {"action": "preview", "file": SimpleUploadedFile("city.csv", data, "text/csv")})
    assert response.status_code == 200, response.content
    page = response.content.decode()
    assert f"The first {PREVIEW_ROWS} of 300 rows are shown." in page
    assert response.context["plan"].count("create") == 300
    pending = admin_client.session["people_hr_import"]
    assert "data" not in pending and pending["path"], "a large file waits in storage, not the session"
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.DRY_RUN
    assert not Employee.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"action": "apply", "sha256": response.context["sha256"]}, follow=True)
    assert "being imported in the background" in response.content.decode()
    task_worker()

    job = HRImportJob.objects.get()
    assert (job.state, job.rows_total, job.rows_written) == (HRImportJob.State.APPLIED, 300, 300)
    assert job.run.outcome == ImportRun.Outcome.APPLIED and job.run.employees_created == 300
    assert Employee.objects.count() == 300
    assert "people_hr_import" not in admin_client.session


def test_an_expired_stored_preview_asks_for_the_file_again(admin_client, planning):
    with tempfile.TemporaryFile() as handle:
        write_file(handle, 3)
        data = handle.read()
    response = admin_client.post(URL, {"action": "preview", "file": SimpleUploadedFile("city.csv", data, "text/csv")})
    session = admin_client.session
    default_storage.delete(session["people_hr_import"]["path"])
    response = admin_client.post(URL, {"action": "apply", "sha256": response.context["sha256"]}, follow=True)
    assert "That preview has expired" in response.content.decode()
    assert not Employee.objects.exists()
