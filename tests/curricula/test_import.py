"""Importing earlier course completions: all or nothing, every bad row by line, audited, and the
assignments follow the imported history (recertification included)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from courses.catalogue.models import CourseCompletion
from courses.curricula.import_services import CompletionImportRejected, completions_import
from courses.curricula.models import Assignment, CertificationRecord, CompletionImport
from courses.curricula.services import assignments_reconcile
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db

HEADER = "employee_number,course_slug,completed_at,source_note\n"


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def world():
    course = CourseFactory(slug="foundations-of-anti-racism")
    other = CourseFactory(slug="implicit-bias")
    person = EmployeeFactory(employee_number="E100")
    colleague = EmployeeFactory(employee_number="E200")
    return {"course": course, "other": other, "person": person, "colleague": colleague}


def csv_bytes(*rows, header=HEADER):
    return (header + "".join(row + "\n" for row in rows)).encode()


def test_a_good_file_records_import_completions_and_is_audited(world):
    admin = training_admin()
    data = csv_bytes(
        "E100,foundations-of-anti-racism,2024-03-05,Paper sign-in sheet", "E200,implicit-bias,2025-01-10T09:30:00,"
    )
    run, plan = completions_import(data=data, file_name="history.csv", actor=admin, source="admin")

    completions = CourseCompletion.objects.order_by("completed_at")
    assert [(c.user.employee.employee_number, c.course.slug, c.source) for c in completions] == [
        ("E100", "foundations-of-anti-racism", "import"),
        ("E200", "implicit-bias", "import"),
    ]
    first = timezone.localtime(completions[0].completed_at)
    assert first.date() == datetime.date(2024, 3, 5)
    assert (run.outcome, run.created, run.unchanged, run.rows, run.actor) == ("applied", 2, 0, 2, admin)
    assert run.notes == [[2, "E100", "foundations-of-anti-racism", "Paper sign-in sheet"]]
    assert len(run.sha256) == 64 and run.file_name == "history.csv"


def test_every_bad_row_is_listed_by_line_and_nothing_is_written(world):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data = csv_bytes(
        "E100,foundations-of-anti-racism,2024-03-05,",  # good
        "E999,foundations-of-anti-racism,2024-03-05,",  # unknown employee
        "E100,no-such-course,2024-03-05,",  # unknown course
        "E200,implicit-bias,05/03/2024,",  # bad date
        f"E200,implicit-bias,{tomorrow},",  # future
        "E100,foundations-of-anti-racism,2024-03-05,",  # duplicate of line 2
        ",implicit-bias,,",  # empty number and date
    )
    with pytest.raises(CompletionImportRejected) as rejected:
        completions_import(data=data, file_name="bad.csv")
    errors = rejected.value.errors
    lines = [line for line, _message in errors]
    assert lines == [3, 4, 5, 6, 7, 8, 8]
    messages = dict(errors[:5])
    assert "Unknown employee number “E999”" in messages[3]
    assert "Unknown course “no-such-course”" in messages[4]
    assert "is not a date" in messages[5]
    assert "in the future" in messages[6]
    assert "appears twice in the file (first on line 2)" in messages[7]
    assert not CourseCompletion.objects.exists()
    run = CompletionImport.objects.get()
    assert run.outcome == "rejected" and len(run.errors) == 7 and run.created == 0


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"employee_number,completed_at\nE100,2024-01-01\n", "Missing columns: course_slug."),
        ("employee_number,course_slug,completed_at\nE100,é,2024-01-01\n".encode("latin-1"), "not UTF-8"),
        ("employee_number,course_slug,completed_at\n".encode("utf-16"), "UTF-16"),
        (b"", "The file is empty"),
        (b"employee_number,course_slug,completed_at\n", "no completion"),
        (b"employee_number,course_slug,completed_at\nE100,x\n", "This row has 2 fields; the header has 3."),
    ],
)
def test_unreadable_files_are_rejected_with_a_clear_reason(world, data, expected):
    with pytest.raises(CompletionImportRejected) as rejected:
        completions_import(data=data, file_name="odd.csv")
    assert any(expected in message for _line, message in rejected.value.errors)
    assert not CourseCompletion.objects.exists()


def test_a_dry_run_writes_nothing_and_importing_twice_records_once(world):
    data = csv_bytes("E100,foundations-of-anti-racism,2024-03-05,")
    run, plan = completions_import(data=data, file_name="h.csv", dry_run=True)
    assert run.outcome == "dry_run" and plan.count("create") == 1
    assert not CourseCompletion.objects.exists()
    completions_import(data=data, file_name="h.csv")
    again, plan = completions_import(data=data, file_name="h.csv")
    assert (again.created, again.unchanged) == (0, 1)
    assert CourseCompletion.objects.count() == 1


def test_imported_history_certifies_renews_and_expires_in_order(world):
    """Three completions years apart under a 24-month certification with a 60-day window: the first
    certifies, the second (inside the window) renews, the third comes after expiry."""
    curriculum = CurriculumFactory(courses=[world["course"]], recert_period_months=24, recert_window_days=60)
    assignments_reconcile(curriculum_id=curriculum.pk)
    today = timezone.localdate()
    first = today - datetime.timedelta(days=365 * 5)
    renewal = first + datetime.timedelta(days=700)  # 24 months is about 730 days: inside the window
    late = renewal + datetime.timedelta(days=800)  # after the renewed expiry
    data = csv_bytes(*(f"E100,foundations-of-anti-racism,{day.isoformat()}," for day in (first, renewal, late)))
    run, _plan = completions_import(data=data, file_name="history.csv")

    assignment = Assignment.objects.get(curriculum=curriculum, user=world["person"].user)
    kinds = list(assignment.certifications.order_by("completed_at").values_list("kind", flat=True))
    assert kinds == [
        CertificationRecord.Kind.FIRST,
        CertificationRecord.Kind.RENEWAL,
        CertificationRecord.Kind.AFTER_EXPIRY,
    ]
    assert assignment.state == Assignment.State.COMPLETE
    assert run.certified == 1


def test_the_command_prints_problems_and_fails_on_a_bad_file(world, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("E999,foundations-of-anti-racism,2024-03-05,"))
    with pytest.raises(CommandError):
        call_command("import_completions", str(bad))
    assert "line 2: Unknown employee number “E999”." in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes("E100,foundations-of-anti-racism,2024-03-05,"))
    call_command("import_completions", str(good), "--dry-run")
    assert not CourseCompletion.objects.exists()
    call_command("import_completions", str(good))
    assert CourseCompletion.objects.filter(source="import").count() == 1
    assert CompletionImport.objects.filter(source="command").count() == 3


def test_the_admin_upload_previews_then_applies(client, world):
    client.force_login(training_admin())
    url = reverse("curricula_ops:import_completions")
    data = csv_bytes("E100,foundations-of-anti-racism,2024-03-05,")
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(url, {"action": "preview", "file": SimpleUploadedFile("h.csv", data, "text/csv")})
    assert preview.status_code == 200
    assert "1 completions to record" in preview.content.decode()
    assert not CourseCompletion.objects.exists()
    applied = client.post(url, {"action": "apply", "sha256": preview.context["sha256"]}, follow=True)
    assert "1 completions recorded" in applied.content.decode()
    assert CourseCompletion.objects.filter(source="import").count() == 1


def test_the_admin_upload_lists_the_bad_rows(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(training_admin())
    data = csv_bytes("E100,foundations-of-anti-racism,2024-03-05,", "E100,nope,2024-03-05,")
    response = client.post(
        reverse("curricula_ops:import_completions"),
        {"action": "preview", "file": SimpleUploadedFile("h.csv", data, "text/csv")},
    )
    assert response.status_code == 400
    assert response.context["errors"] == [(3, "Unknown course “nope”.")]
    assert "Nothing was changed." in response.content.decode()


def test_a_stale_preview_cannot_be_applied(client, world):
    client.force_login(training_admin())
    response = client.post(
        reverse("curricula_ops:import_completions"), {"action": "apply", "sha256": "0" * 64}, follow=True
    )
    assert "That preview has expired." in response.content.decode()
    assert not CourseCompletion.objects.exists()
