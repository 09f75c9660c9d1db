import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.people.models import Department, Employee, ImportRun
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory, training_admin
from tests.people.factories import hr_csv, hr_row

pytestmark = pytest.mark.django_db
URL = "/admin/people/import/"


@pytest.fixture
def planning(db):
    return DepartmentFactory(code="planning", name="Planning")


@pytest.fixture
def admin_client(client):
    client.force_login(training_admin())
    return client


def upload(client, data, name="hr.csv"):
    return client.post(URL, {"action": "preview", "file": SimpleUploadedFile(name, data, "text/csv")})


def test_training_admin_sees_the_upload_form_in_the_people_menu(admin_client):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
    assert URL in admin_client.get("/admin/").content.decode()


def test_an_editor_cannot_open_the_import(client):
    # Wagtail turns a refusal in its admin into a redirect to the dashboard with a message.
    client.force_login(UserFactory(groups=["Editors"]))
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(URL, {"action": "preview", "file": SimpleUploadedFile("hr.csv", b"x", "text/csv")})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ImportRun.objects.exists()
    assert URL not in client.get("/admin/").content.decode()


def test_an_employee_without_admin_access_is_sent_to_log_in(client, planning):
    client.force_login(EmployeeFactory(department=planning).user)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_preview_shows_the_plan_and_writes_nothing(admin_client, planning):
    EmployeeFactory(employee_number="200002", department=planning, job_title="Analyst")
    response = upload(admin_client, hr_csv(hr_row("200001"), hr_row("200002", job_title="Senior Planner")))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Lucía Martínez" in content
    assert "Senior Planner" in content and "Apply this import" in content
    assert not Employee.objects.filter(employee_number="200001").exists()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.DRY_RUN


def test_apply_after_preview_imports_and_audits_who_did_it(admin_client, planning):
    response = upload(admin_client, hr_csv(hr_row("200001")))
    sha256 = response.context["sha256"]
    response = admin_client.post(URL, {"action": "apply", "sha256": sha256}, follow=True)
    assert response.status_code == 200
    assert "imported" in response.content.decode()
    assert Employee.objects.filter(employee_number="200001").exists()
    run = ImportRun.objects.filter(outcome=ImportRun.Outcome.APPLIED).get()
    assert run.actor.groups.filter(name="Training admins").exists()
    assert run.source == ImportRun.Source.ADMIN and run.file_name == "hr.csv" and run.employees_created == 1


def test_a_bad_file_shows_every_problem_by_line_and_offers_no_apply(admin_client, planning):
    response = upload(admin_client, hr_csv(hr_row("200001", department_code="zz"), hr_row("200002", hire_date="x")))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Unknown department code" in content and "not a date" in content
    assert "Apply this import" not in content
    assert [line for line, _m in response.context["errors"]] == [2, 3]
    assert not Employee.objects.exists()


def test_apply_checks_the_file_again_and_refuses_when_it_went_stale(admin_client, planning):
    response = upload(admin_client, hr_csv(hr_row("200001", department_code="parks")))
    # The preview failed: parks does not exist. Create it, preview again, then delete it before applying.
    assert response.status_code == 400
    parks = DepartmentFactory(code="parks", name="Parks")
    response = upload(admin_client, hr_csv(hr_row("200001", department_code="parks")))
    sha256 = response.context["sha256"]
    Department.objects.filter(pk=parks.pk).delete()
    response = admin_client.post(URL, {"action": "apply", "sha256": sha256})
    assert response.status_code == 400
    assert "Unknown department code" in response.content.decode()
    assert not Employee.objects.exists()


def test_apply_without_a_preview_is_refused(admin_client, planning):
    response = admin_client.post(URL, {"action": "apply", "sha256": "0" * 64}, follow=True)
    assert "expired" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_posting_without_a_file_shows_a_clear_message(admin_client):
    response = admin_client.post(URL, {"action": "preview"})
    assert response.status_code == 400
    assert "required" in response.content.decode()
