"""Import files that wait in storage are not kept for ever: a large file previewed and never applied,
and the file of a job that never ran, are deleted once older than IMPORT_PREVIEW_KEEP_HOURS (daily
django-q2 schedule); younger ones and running jobs are left alone."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_q.models import Schedule

from courses.curricula.models import CompletionImportJob
from courses.people.models import Employee, HRImportJob
from lms.import_jobs import PENDING_FOLDER, import_job_create, import_previews_expire
from tests.factories import DepartmentFactory, training_admin
from tests.people.factories import hr_csv, hr_row

pytestmark = pytest.mark.django_db


def later(hours):
    return timezone.now() + datetime.timedelta(hours=hours)


def pending_files():
    try:
        folders, _files = default_storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        return []
    return [
        f"{PENDING_FOLDER}/{folder}/{name}"
        for folder in folders
        for name in default_storage.listdir(f"{PENDING_FOLDER}/{folder}")[1]
    ]


def preview_large_file(client):
    data = hr_csv(hr_row("500001"), hr_row("500002"))
    response = client.post(
        "/admin/people/import/", {"action": "preview", "file": SimpleUploadedFile("big.csv", data, "text/csv")}
    )
    assert response.status_code == 200, response.content
    return response.context["sha256"]


def queued_job(model, owner):
    return import_job_create(
        model=model, task="lms.tasks.import_previews_expire", owner=owner, file_name="big.csv", data=b"x", rows_total=1
    )


def test_a_preview_never_applied_is_deleted_after_the_keep_hours(client, settings):
    settings.IMPORT_STREAM_PREVIEW_BYTES = 0
    settings.IMPORT_PREVIEW_KEEP_HOURS = 48
    DepartmentFactory(code="planning", name="Planning")
    client.force_login(training_admin())
    sha256 = preview_large_file(client)
    [path] = pending_files()

    assert import_previews_expire(now=later(47)) == {"previews": 0, "jobs": 0}
    assert default_storage.exists(path)

    assert import_previews_expire(now=later(49)) == {"previews": 1, "jobs": 0}
    assert not default_storage.exists(path)
    response = client.post("/admin/people/import/", {"action": "apply", "sha256": sha256}, follow=True)
    assert "That preview has expired" in response.content.decode()
    assert not Employee.objects.exists()


def test_jobs_that_never_ran_fail_visibly_and_lose_their_file(settings):
    settings.IMPORT_PREVIEW_KEEP_HOURS = 48
    admin = training_admin()
    hr_job, completions_job = queued_job(HRImportJob, admin), queued_job(CompletionImportJob, admin)
    running = queued_job(HRImportJob, admin)
    HRImportJob.objects.filter(pk=running.pk).update(state=HRImportJob.State.RUNNING)

    assert import_previews_expire(now=later(1)) == {"previews": 0, "jobs": 0}
    assert import_previews_expire(now=later(49)) == {"previews": 0, "jobs": 2}

    for job in (hr_job, completions_job):
        job.refresh_from_db()
        assert job.state == job.State.FAILED and not job.file
    running.refresh_from_db()
    assert running.state == HRImportJob.State.RUNNING and running.file, "a running job keeps its file"


def test_the_cleanup_is_scheduled_daily():
    schedule = Schedule.objects.get(func="lms.tasks.import_previews_expire")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
