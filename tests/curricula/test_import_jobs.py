"""A completions file larger than IMPORT_JOB_THRESHOLD is applied by a django-q2 job after its preview."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.catalogue.models import CourseCompletion
from courses.curricula.models import CompletionImport, CompletionImportJob
from tests.factories import CourseFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db
DATA = (
    b"employee_number,course_slug,completed_at\n"
    b"E100,foundations-of-anti-racism,2024-03-05\n"
    b"E200,foundations-of-anti-racism,2024-03-06\n"
    b"E100,implicit-bias,2024-04-01\n"
)


@pytest.fixture
def world(settings):
    settings.IMPORT_JOB_THRESHOLD = 2
    CourseFactory(slug="foundations-of-anti-racism")
    CourseFactory(slug="implicit-bias")
    EmployeeFactory(employee_number="E100")
    EmployeeFactory(employee_number="E200")


def test_a_large_completions_file_is_recorded_by_the_job(
    client, world, task_worker, django_capture_on_commit_callbacks
):
    client.force_login(training_admin())
    url = reverse("curricula_ops:import_completions")
    preview = client.post(url, {"action": "preview", "file": SimpleUploadedFile("old.csv", DATA, "text/csv")})
    assert preview.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(url, {"action": "apply", "sha256": preview.context["sha256"]}, follow=True)
    assert "being imported in the background" in queued.content.decode()

    task_worker()

    job = CompletionImportJob.objects.get()
    assert job.state == CompletionImportJob.State.APPLIED
    assert job.run.outcome == CompletionImport.Outcome.APPLIED and job.run.created == 3
    assert CourseCompletion.objects.filter(source="import").count() == 3
    status = json.loads(client.get(reverse("curricula_ops:import_completions_status", args=[job.pk])).content)
    assert (status["rows_checked"], status["rows_written"]) == (3, 3)
