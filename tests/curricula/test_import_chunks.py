"""A completions file is applied in chunks of IMPORT_CHUNK_ROWS rows inside one transaction: each
chunk's new completions are recorded in bulk, progress grows chunk by chunk, a chunk that fails
half-way through the file undoes every chunk before it (all or nothing, audited as before), and the
assignments end exactly as a file applied in one piece leaves them."""

import datetime
import io
from collections import Counter

import pytest
from django.utils import timezone, translation

from certificates.models import Certificate
from courses.catalogue.models import CourseCompletion
from courses.catalogue.signals import course_completed, course_completions_recorded
from courses.curricula import import_services
from courses.curricula.import_services import CompletionImportRejected, completions_import
from courses.curricula.models import Assignment, AssignmentEvent, CertificationRecord, CompletionImport
from courses.curricula.services import assignments_reconcile
from lms.import_jobs import ImportProgress
from tests.curricula.factories import CurriculumFactory, rollup_matches_assignments
from tests.factories import CourseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db

HEADER = "employee_number,course_slug,completed_at,source_note\n"


@pytest.fixture(autouse=True)
def chunks_of_two(import_chunks):
    translation.activate("en")
    return import_chunks


@pytest.fixture
def course():
    return CourseFactory(slug="foundations")


@pytest.fixture
def people():
    return [EmployeeFactory(employee_number=f"E{index}") for index in range(1, 6)]


def csv_file(*rows) -> io.BytesIO:
    return io.BytesIO((HEADER + "".join(row + "\n" for row in rows)).encode())


def day(days_ago: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def test_the_file_is_written_chunk_by_chunk_and_progress_follows(course, people, chunks_of_two):
    written = chunks_of_two(import_services)
    progress = ImportProgress()
    rows = [f"E{index},foundations,{day(index)},note {index}" for index in range(1, 6)]
    run, plan = completions_import(file=csv_file(*rows), file_name="history.csv", progress=progress)
    assert written == [[2, 3], [4, 5], [6]]
    assert (run.outcome, run.rows, run.created, run.unchanged) == (CompletionImport.Outcome.APPLIED, 5, 5, 0)
    assert run.notes == [[line, f"E{line - 1}", "foundations", f"note {line - 1}"] for line in range(2, 7)]
    assert CourseCompletion.objects.filter(source="import").count() == 5
    assert (progress.rows_checked, progress.rows_written) == (5, 5)
    assert plan.row_count == 5 and plan.notes == 5


def test_a_bad_row_in_the_last_chunk_undoes_the_chunks_already_written(course, people, chunks_of_two):
    written = chunks_of_two(import_services)
    rows = [f"E{index},foundations,{day(index)}," for index in range(1, 5)]
    with pytest.raises(CompletionImportRejected) as caught:
        completions_import(file=csv_file(*rows, "E5,no-such-course,2024-01-01,"), file_name="history.csv")
    assert written == [[2, 3], [4, 5]], "the chunks before the bad row were written, then rolled back"
    assert caught.value.errors == [(6, "Unknown course “no-such-course”.")]
    assert not CourseCompletion.objects.exists()
    run = CompletionImport.objects.get()
    assert run.outcome == CompletionImport.Outcome.REJECTED and run.errors == [[6, "Unknown course “no-such-course”."]]
    assert run.created == 0


def test_the_database_refusing_a_later_chunk_changes_nothing_and_is_audited(course, people, second_bulk_insert_fails):
    calls = second_bulk_insert_fails(CourseCompletion.objects)
    rows = [f"E{index},foundations,{day(index)}," for index in range(1, 6)]
    with pytest.raises(CompletionImportRejected) as caught:
        completions_import(file=csv_file(*rows), file_name="history.csv")
    assert calls == [2, 2]
    assert caught.value.errors == [(4, caught.value.errors[0][1])]
    assert "lines 4 and 5" in caught.value.errors[0][1]
    assert not CourseCompletion.objects.exists(), "the first chunk was rolled back too"
    assert CompletionImport.objects.get().outcome == CompletionImport.Outcome.REJECTED


def test_a_dry_run_in_chunks_writes_nothing(course, people):
    rows = [f"E{index},foundations,{day(index)}," for index in range(1, 6)]
    run, plan = completions_import(file=csv_file(*rows), file_name="history.csv", dry_run=True)
    assert (run.outcome, run.created) == (CompletionImport.Outcome.DRY_RUN, 5)
    assert not CourseCompletion.objects.exists()


def history_rows():
    """Years of one person's history, newest first and spread over several chunks among other people's
    rows: only evaluating once every chunk is written replays it in date order."""
    today = timezone.localdate()
    first = today - datetime.timedelta(days=365 * 5)
    renewal = first + datetime.timedelta(days=700)
    late = renewal + datetime.timedelta(days=800)
    return [
        f"E1,foundations,{late.isoformat()},",
        f"E2,foundations,{day(30)},",
        f"E3,other,{day(40)},",
        f"E1,foundations,{renewal.isoformat()},",
        f"E4,foundations,{day(900)},",
        f"E1,foundations,{first.isoformat()},",
    ]


def import_history(chunk_rows, settings):
    settings.IMPORT_CHUNK_ROWS = chunk_rows
    course = CourseFactory(slug="foundations")
    CourseFactory(slug="other")
    for index in range(1, 5):
        EmployeeFactory(employee_number=f"E{index}")
    curriculum = CurriculumFactory(courses=[course], recert_period_months=24, recert_window_days=60)
    assignments_reconcile(curriculum_id=curriculum.pk)
    run, _plan = completions_import(file=csv_file(*history_rows()), file_name="history.csv")
    return run


@pytest.mark.parametrize("chunk_rows", [1, 2, 1000])
def test_history_spread_over_chunks_certifies_in_date_order(chunk_rows, settings):
    run = import_history(chunk_rows, settings)
    e1 = Assignment.objects.get(user__employee__employee_number="E1")
    assert list(e1.certifications.order_by("completed_at").values_list("kind", flat=True)) == [
        CertificationRecord.Kind.FIRST,
        CertificationRecord.Kind.RENEWAL,
        CertificationRecord.Kind.AFTER_EXPIRY,
    ]
    assert e1.state == Assignment.State.COMPLETE
    assert run.certified == 3  # E1, E2 and E4 (E3 completed another course)
    assert AssignmentEvent.objects.filter(kind=AssignmentEvent.Kind.CERTIFIED).count() == 5
    assert rollup_matches_assignments()


def test_each_chunk_is_announced_once_after_the_commit_not_each_completion(
    course, people, django_capture_on_commit_callbacks
):
    heard, singles = [], []

    def listener(sender, *, completion_ids, user_ids, source, reevaluated, **kwargs):
        heard.append((list(completion_ids), set(user_ids), source, reevaluated))

    course_completions_recorded.connect(listener, dispatch_uid="test-import-chunks")
    course_completed.connect(lambda sender, **kwargs: singles.append(kwargs), weak=False, dispatch_uid="test-single")
    try:
        rows = [f"E{index},foundations,{day(index)}," for index in range(1, 6)]
        with django_capture_on_commit_callbacks(execute=True):
            completions_import(file=csv_file(*rows), file_name="history.csv")
            assert heard == [], "nothing is announced before the commit"
    finally:
        course_completions_recorded.disconnect(dispatch_uid="test-import-chunks")
        course_completed.disconnect(dispatch_uid="test-single")
    assert [len(ids) for ids, _users, _source, _reevaluated in heard] == [2, 2, 1], "once per chunk"
    assert {(source, reevaluated) for _ids, _users, source, reevaluated in heard} == {("import", True)}
    announced = [pk for ids, _users, _source, _reevaluated in heard for pk in ids]
    assert sorted(announced) == sorted(CourseCompletion.objects.values_list("pk", flat=True))
    assert singles == [], "no course_completed per imported completion"


def count_tasks(monkeypatch):
    """Every task the completion listeners queue, by dotted name (nothing runs)."""
    from certificates import receivers as certificate_receivers
    from courses.curricula import receivers as curricula_receivers
    from courses.evaluations import receivers as evaluation_receivers

    queued = Counter()

    def async_task(task, *args, **kwargs):
        queued[f"{task.__module__}.{task.__name__}"] += 1

    for module in (certificate_receivers, curricula_receivers, evaluation_receivers):
        monkeypatch.setattr(module, "async_task", async_task)
    return queued


@pytest.mark.parametrize("rows", [5, 40])
def test_an_import_queues_one_certificate_task_per_chunk_whatever_its_size(
    rows, course, people, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.IMPORT_CHUNK_ROWS = 20
    for index in range(6, rows + 1):
        EmployeeFactory(employee_number=f"E{index}")
    queued = count_tasks(monkeypatch)
    lines = [f"E{index},foundations,{day(index)}," for index in range(1, rows + 1)]
    with django_capture_on_commit_callbacks(execute=True):
        run, _plan = completions_import(file=csv_file(*lines), file_name="history.csv")
    assert run.created == rows
    assert queued == {"certificates.tasks.certificates_issue_for_completions": (rows + 19) // 20}


def test_every_imported_completion_gets_exactly_one_certificate(course, people, django_capture_on_commit_callbacks):
    """The tests' task queue is synchronous: the certificate tasks run on commit."""
    rows = [f"E{index},foundations,{day(index)}," for index in range(1, 6)]
    rows.append(f"E1,foundations,{day(300)},")
    with django_capture_on_commit_callbacks(execute=True):
        completions_import(file=csv_file(*rows), file_name="history.csv")
    completions = CourseCompletion.objects.all()
    assert completions.count() == 6
    assert sorted(Certificate.objects.values_list("completion_id", flat=True)) == sorted(
        completions.values_list("pk", flat=True)
    )
    first = Certificate.objects.get(completion__user__employee__employee_number="E1", completed_at__lt=day_start(100))
    assert (
        first.status == Certificate.Status.SUPERSEDED
        and first.superseded_by.completion.completed_at > first.completed_at
    )
    assert not Certificate.objects.filter(holder_notified_at__isnull=False).exists(), "imported history is quiet"


def day_start(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def test_completions_recorded_in_bulk_elsewhere_reevaluate_their_people_in_one_task(
    course, people, monkeypatch, django_capture_on_commit_callbacks
):
    from courses.catalogue.services import course_completions_record

    queued = count_tasks(monkeypatch)
    when = timezone.now() - datetime.timedelta(days=1)
    completions = [(employee.user_id, course.pk, when) for employee in people]
    with django_capture_on_commit_callbacks(execute=True):
        course_completions_record(completions=completions + [(people[0].user_id, course.pk, day_start(9))])
    assert queued == {
        "certificates.tasks.certificates_issue_for_completions": 1,
        "courses.curricula.tasks.assignments_evaluate_for_users": 1,
    }


def test_one_instant_written_with_two_offsets_is_one_completion_given_twice(course, people):
    with pytest.raises(CompletionImportRejected) as caught:
        completions_import(
            file=csv_file(
                "E1,foundations,2024-03-05T10:00:00+00:00,",
                "E2,foundations,2024-03-05,",
                "E1,foundations,2024-03-05T11:00:00+01:00,",
            ),
            file_name="history.csv",
        )
    assert [line for line, _message in caught.value.errors] == [4]
    assert "appears twice in the file (first on line 2)" in caught.value.errors[0][1]
    assert not CourseCompletion.objects.exists()


def test_the_command_streams_the_file_in_chunks_and_lists_every_row(
    course, people, tmp_path, chunks_of_two, monkeypatch
):
    from django.core.management import call_command

    from courses.curricula.management.commands import import_completions

    given = []
    real = import_completions.completions_import
    monkeypatch.setattr(
        import_completions, "completions_import", lambda **kwargs: given.append(kwargs) or real(**kwargs)
    )
    written = chunks_of_two(import_services)
    path = tmp_path / "history.csv"
    path.write_bytes(csv_file(*[f"E{index},foundations,{day(index)}," for index in range(1, 6)]).getvalue())
    out = io.StringIO()
    call_command("import_completions", str(path), "--verbosity", "2", stdout=out)
    assert "data" not in given[0] and given[0]["file"].name == str(path), "the open file, not its bytes"
    assert written == [[2, 3], [4, 5], [6]], "read from disk and written chunk by chunk"
    listed = [line for line in out.getvalue().splitlines() if line.startswith("line ")]
    assert [line.split(":")[0] for line in listed] == [f"line {number}" for number in range(2, 7)]
    assert "5 completions recorded" in out.getvalue()
    run = CompletionImport.objects.get()
    assert (run.source, run.outcome, run.created) == ("command", CompletionImport.Outcome.APPLIED, 5)


def test_a_late_bad_row_makes_the_command_change_nothing_and_list_every_problem(
    course, people, tmp_path, chunks_of_two
):
    from django.core.management import CommandError, call_command

    written = chunks_of_two(import_services)
    rows = [f"E{index},foundations,{day(index)}," for index in range(1, 5)]
    path = tmp_path / "history.csv"
    path.write_bytes(csv_file(*rows, "E5,no-such-course,2024-01-01,", "E9,foundations,2024-01-01,").getvalue())
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 problems"):
        call_command("import_completions", str(path), stdout=out, stderr=err)
    assert written == [[2, 3], [4, 5]], "two chunks were written before the bad rows, then rolled back"
    assert err.getvalue().splitlines() == [
        "line 6: Unknown course “no-such-course”.",
        "line 7: Unknown employee number “E9”.",
    ]
    assert "line 2" not in out.getvalue(), "no row is listed for a rejected file"
    assert not CourseCompletion.objects.exists()
    assert CompletionImport.objects.get().outcome == CompletionImport.Outcome.REJECTED
