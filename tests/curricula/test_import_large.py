"""A large completions file is previewed streaming through the upload in flat memory (counts, a
sample, the first problems) and applied by the import job, all or nothing."""

import datetime
import tempfile
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.catalogue.models import CourseCompletion
from courses.curricula.completion_import import preview_completions
from courses.curricula.models import CompletionImport, CompletionImportJob
from lms.csv_import import PREVIEW_ERRORS, PREVIEW_ROWS
from tests.factories import CourseFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db
NUMBERS = ("E100", "E200", "E300")


@pytest.fixture
def world(settings):
    settings.IMPORT_STREAM_PREVIEW_BYTES = 0  # every upload takes the streaming preview
    CourseFactory(slug="foundations")
    for number in NUMBERS:
        EmployeeFactory(employee_number=number)


def completions(rows, *, bad_every=0) -> bytes:
    """`rows` distinct completions of three people; every `bad_every`-th names an unknown course."""
    lines = ["employee_number,course_slug,completed_at,source_note"]
    start = datetime.date(1990, 1, 1)
    for index in range(rows):
        slug = "nowhere" if bad_every and index % bad_every == 0 else "foundations"
        day = start + datetime.timedelta(days=index // len(NUMBERS))
        lines.append(f"{NUMBERS[index % len(NUMBERS)]},{slug},{day.isoformat()},paper register")
    return ("\n".join(lines) + "\n").encode()


def test_a_20000_row_file_previews_in_memory_below_its_size(world):
    with tempfile.TemporaryFile() as handle:
        handle.write(completions(20_000))
        size = handle.tell()
        tracemalloc.start()
        try:
            preview = preview_completions(handle)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert preview.errors == [] and preview.row_count == 20_000 and preview.count("create") == 20_000
    assert len(preview.rows) == PREVIEW_ROWS
    # A row of this file is 43 bytes; what the preview keeps per row is its entry in the index of
    # completions seen (a 12-byte digest and a line number, about 150 bytes), the rest is one chunk.
    assert peak < 4 * size, (peak, size)


def test_a_bad_large_file_is_refused_with_its_first_problems_and_writes_nothing(client, world):
    client.force_login(training_admin())
    url = reverse("curricula_ops:import_completions")
    data = completions(1_000, bad_every=2)
    response = client.post(url, {"action": "preview", "file": SimpleUploadedFile("old.csv", data, "text/csv")})
    assert response.status_code == 400
    page = response.content.decode()
    assert len(response.context["errors"]) == PREVIEW_ERRORS + 1 and "Problems not shown: 300." in page
    assert CompletionImport.objects.get().outcome == CompletionImport.Outcome.REJECTED
    assert not CourseCompletion.objects.exists()


def test_a_large_file_is_previewed_streaming_and_recorded_by_the_job(
    client, world, settings, task_worker, django_capture_on_commit_callbacks
):
    settings.IMPORT_JOB_THRESHOLD = 100
    client.force_login(training_admin())
    url = reverse("curricula_ops:import_completions")
    data = completions(240)
    preview = client.post(url, {"action": "preview", "file": SimpleUploadedFile("old.csv", data, "text/csv")})
    assert preview.status_code == 200, preview.content
    assert "of 240 rows are shown" in preview.content.decode()
    assert "data" not in client.session["curricula_completion_import"]
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(url, {"action": "apply", "sha256": preview.context["sha256"]}, follow=True)
    assert "being imported in the background" in queued.content.decode()
    task_worker()
    job = CompletionImportJob.objects.get()
    assert job.state == CompletionImportJob.State.APPLIED and job.run.created == 240
    assert CourseCompletion.objects.filter(source="import").count() == 240
