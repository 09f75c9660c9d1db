"""An HR file larger than IMPORT_JOB_THRESHOLD is applied by a django-q2 job after its preview: the
page shows the job's progress, the job applies all or nothing and leaves its audit record."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.people import tasks
from courses.people.models import Department, Employee, HRImportJob, ImportRun
from lms.import_jobs import ImportProgress
from tests.factories import DepartmentFactory, EmployeeFactory, training_admin
from tests.people.factories import hr_csv, hr_row

pytestmark = pytest.mark.django_db
URL = "/admin/people/import/"


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.IMPORT_JOB_THRESHOLD = 2


@pytest.fixture
def planning(db):
    return DepartmentFactory(code="planning", name="Planning")


@pytest.fixture
def admin(db):
    return training_admin()


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def three_rows():
    return hr_csv(hr_row("300001"), hr_row("300002"), hr_row("300003", job_title="Engineer"))


def preview_and_apply(client, data, capture):
    response = client.post(URL, {"action": "preview", "file": SimpleUploadedFile("big.csv", data, "text/csv")})
    assert response.status_code == 200, response.content
    with capture(execute=True):
        return client.post(URL, {"action": "apply", "sha256": response.context["sha256"]}, follow=True)


def status_of(client, job):
    response = client.get(f"{URL}jobs/{job.pk}/status.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_file_above_the_threshold_is_applied_by_the_job_with_its_progress(
    admin_client, planning, task_worker, django_capture_on_commit_callbacks
):
    response = preview_and_apply(admin_client, three_rows(), django_capture_on_commit_callbacks)
    assert "being imported in the background" in response.content.decode()
    job = HRImportJob.objects.get()
    assert (job.file_name, job.rows_total) == ("big.csv", 3)

    task_worker()

    job.refresh_from_db()
    assert job.state == HRImportJob.State.APPLIED
    assert Employee.objects.filter(employee_number__startswith="3000").count() == 3
    assert job.run.outcome == ImportRun.Outcome.APPLIED and job.run.actor_id == job.owner_id
    assert job.run.employees_created == 3
    assert not job.file, "the kept file is deleted once applied"
    status = status_of(admin_client, job)
    assert (status["state"], status["rows_checked"], status["rows_written"], status["percent"]) == (
        "applied",
        3,
        3,
        100,
    )
    page = admin_client.get(URL).content.decode()
    assert "3 of 3 rows checked, 3 written" in page and "big.csv" in page


def test_a_file_at_the_threshold_is_still_applied_at_once(admin_client, planning, django_capture_on_commit_callbacks):
    response = preview_and_apply(
        admin_client, hr_csv(hr_row("300001"), hr_row("300002")), django_capture_on_commit_callbacks
    )
    assert "imported" in response.content.decode()
    assert not HRImportJob.objects.exists()
    assert Employee.objects.filter(employee_number__startswith="3000").count() == 2


def test_a_job_whose_file_went_bad_after_the_preview_writes_nothing_and_is_audited(
    admin_client, planning, task_worker, django_capture_on_commit_callbacks
):
    data = hr_csv(hr_row("300001"), hr_row("300002"), hr_row("300003", department_code="works"))
    works = DepartmentFactory(code="works", name="Works")
    response = admin_client.post(URL, {"action": "preview", "file": SimpleUploadedFile("big.csv", data, "text/csv")})
    Department.objects.filter(pk=works.pk).delete()  # someone removes the department before Apply
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(URL, {"action": "apply", "sha256": response.context["sha256"]})

    task_worker()

    job = HRImportJob.objects.get()
    assert job.state == HRImportJob.State.REJECTED
    assert job.run.outcome == ImportRun.Outcome.REJECTED
    assert "Unknown department code" in json.dumps(job.run.errors)
    assert not Employee.objects.filter(employee_number__startswith="3000").exists()
    assert "The file was not imported; nothing was changed." in admin_client.get(URL).content.decode()


def test_a_job_fails_visibly_when_the_import_breaks_and_the_failure_is_audited(admin, planning, monkeypatch):
    job = make_job(admin, three_rows())

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("courses.people.hr_import._plan_row", broken)
    assert tasks.hr_import_job_run(job.pk) == HRImportJob.State.FAILED
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REJECTED  # audit_failure's record
    assert not Employee.objects.filter(employee_number__startswith="3000").exists()


def test_a_kept_file_that_changed_is_not_imported(admin, planning):
    job = make_job(admin, three_rows())
    job.sha256 = "0" * 64
    job.save()
    assert tasks.hr_import_job_run(job.pk) == HRImportJob.State.FAILED
    assert not Employee.objects.filter(employee_number__startswith="3000").exists()


def test_running_a_job_twice_imports_once(admin, planning):
    job = make_job(admin, three_rows())
    assert tasks.hr_import_job_run(job.pk) == HRImportJob.State.APPLIED
    assert tasks.hr_import_job_run(job.pk) == HRImportJob.State.APPLIED
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.APPLIED).count() == 1


def test_the_page_shows_live_progress_from_the_cache_while_the_job_runs(admin_client, admin, planning):
    job = make_job(admin, three_rows())
    HRImportJob.objects.filter(pk=job.pk).update(state=HRImportJob.State.RUNNING)
    progress = ImportProgress(job.progress_key)
    progress.checked(3)
    progress.written(1)
    progress.publish()
    status = status_of(admin_client, job)
    assert (status["state"], status["rows_checked"], status["rows_written"]) == ("running", 3, 1)
    assert 0 < status["percent"] < 100
    page = admin_client.get(URL).content.decode()
    assert "3 of 3 rows checked, 1 written" in page
    assert "lms/import-job.js" in page and f"jobs/{job.pk}/status.json" in page


def test_another_admin_cannot_follow_someone_elses_job(client, admin, planning):
    job = make_job(admin, three_rows())
    client.force_login(training_admin(username="other-admin"))
    assert client.get(f"{URL}jobs/{job.pk}/status.json").status_code == 404
    assert client.get(f"{URL}jobs/999999/status.json").status_code == 404


def test_an_employee_cannot_follow_a_job(client, admin, planning):
    job = make_job(admin, three_rows())
    client.force_login(EmployeeFactory(department=planning).user)
    assert client.get(f"{URL}jobs/{job.pk}/status.json").status_code == 302


def make_job(owner, data):
    from lms.import_jobs import import_job_create

    # Queued for a task that is never run: the tests call the task themselves.
    return import_job_create(
        model=HRImportJob,
        task="courses.people.tasks.hr_import_job_run",
        owner=owner,
        file_name="big.csv",
        data=data,
        rows_total=3,
    )


@pytest.fixture(autouse=True)
def _clear_progress():
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_progress_published_inside_the_import_transaction_reaches_the_page(admin_client, admin, planning, monkeypatch):
    """The import's own writes stay hidden until it commits; the progress must not. On PostgreSQL
    the job row's counts are updated through a second connection; elsewhere the cache carries them."""
    from django.db import connection, transaction

    monkeypatch.setattr("lms.import_jobs.async_task", lambda *args, **kwargs: None)  # the test is the task
    job = make_job(admin, three_rows())
    HRImportJob.objects.filter(pk=job.pk).update(state=HRImportJob.State.RUNNING)
    progress = ImportProgress(job.progress_key, job=job)
    with transaction.atomic():
        progress.checked(3)
        progress.written(2)
        progress.publish()
        cache.clear()  # what the page sees without the cache
        seen = HRImportJob.objects.values_list("rows_checked", "rows_written").get(pk=job.pk)
        if connection.vendor == "postgresql":
            other = connection.copy()  # this transaction cannot see the other's commit … until it reads again
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT rows_checked, rows_written FROM people_hrimportjob WHERE id = %s", [job.pk])
                    assert cursor.fetchone() == (3, 2)
            finally:
                other.close()
        else:
            assert seen == (0, 0), "SQLite: no second writer while the import holds the database"
    progress.close()
    status = status_of(admin_client, job)
    assert (status["rows_checked"], status["rows_written"]) == ((3, 2) if connection.vendor == "postgresql" else (0, 0))
