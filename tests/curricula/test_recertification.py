"""Recertification, with the clock moved: the renewal window, expiry, the three expiry methods,
overdue assignments, replayed history, and the certificates that follow."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings

from certificates.models import Certificate
from courses.curricula import rules, services
from courses.curricula.exceptions import IllegalTransition
from courses.curricula.models import Assignment, CertificationRecord, Curriculum
from courses.curricula.selectors import certification_expiry_for
from tests.curricula.factories import CurriculumFactory, complete
from tests.factories import CourseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
State = Assignment.State
CITY = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def on(day: datetime.date):
    """Move the clock to noon of `day` in the city."""
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), tzinfo=CITY), tick=False)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def recertifying(method=Curriculum.ExpiryMethod.COMPLETION_DATE, period=24, window=60, **kwargs):
    course = CourseFactory()
    curriculum = CurriculumFactory(
        courses=[course], recert_period_months=period, recert_window_days=window, expiry_method=method, **kwargs
    )
    return curriculum, course


def assigned(curriculum, when="2026-01-05"):
    user = EmployeeFactory().user
    with on(d(when)):
        services.assignments_reconcile(curriculum_id=curriculum.pk)
    return Assignment.objects.get(curriculum=curriculum, user=user), user


def complete_and_evaluate(user, course, when):
    with on(d(when)):
        complete(user, course, d(when))
        services.assignments_evaluate_for_user(user_id=user.pk)


def nightly(when):
    with on(d(when)):
        services.assignments_advance_by_date()


def test_a_new_assignment_is_due_the_curriculums_number_of_days_later():
    curriculum, _course = recertifying(due_days=45)
    assignment, _user = assigned(curriculum, "2026-01-05")
    assert assignment.state == State.ASSIGNED
    assert assignment.due_on == d("2026-02-19")


def test_an_assignment_becomes_overdue_when_its_due_date_passes_without_completion():
    curriculum, course = recertifying(due_days=30)
    assignment, user = assigned(curriculum, "2026-01-05")
    nightly("2026-02-04")
    assignment.refresh_from_db()
    assert assignment.state == State.ASSIGNED  # due today: not overdue yet
    nightly("2026-02-05")
    assignment.refresh_from_db()
    assert assignment.state == State.OVERDUE
    complete_and_evaluate(user, course, "2026-02-10")
    assignment.refresh_from_db()
    assert assignment.state == State.COMPLETE
    assert assignment.expires_on == d("2028-02-10")


def test_starting_a_course_puts_the_assignment_in_progress():
    first, second = CourseFactory(), CourseFactory()
    curriculum = CurriculumFactory(courses=[first, second])
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, first, "2026-01-10")
    assignment.refresh_from_db()
    assert assignment.state == State.IN_PROGRESS
    assert assignment.completed_at is None
    complete_and_evaluate(user, second, "2026-01-12")
    assignment.refresh_from_db()
    assert assignment.state == State.COMPLETE
    assert rules.local_date(assignment.completed_at) == d("2026-01-12")
    assert assignment.expires_on is None  # no recertification: certified for good


def test_n_of_these_courses_completes_the_curriculum():
    courses = [CourseFactory() for _ in range(3)]
    curriculum = CurriculumFactory(courses=courses, requirement=Curriculum.Requirement.SOME, min_courses=2)
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, courses[2], "2026-01-10")
    complete_and_evaluate(user, courses[0], "2026-01-11")
    assignment.refresh_from_db()
    assert assignment.state == State.COMPLETE


def test_a_completion_inside_the_window_renews_from_the_completion_date():
    curriculum, course = recertifying(period=24, window=60)
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-01-10")
    assignment.refresh_from_db()
    assert (assignment.state, assignment.expires_on) == (State.COMPLETE, d("2028-01-10"))
    assert assignment.window_opens_on == d("2027-11-11")

    nightly("2027-11-10")
    assignment.refresh_from_db()
    assert assignment.state == State.COMPLETE
    nightly("2027-11-11")
    assignment.refresh_from_db()
    assert assignment.state == State.WINDOW_OPEN

    complete_and_evaluate(user, course, "2027-12-01")
    assignment.refresh_from_db()
    assert (assignment.state, assignment.expires_on) == (State.COMPLETE, d("2029-12-01"))
    records = list(assignment.certifications.values_list("kind", "expires_on"))
    assert records == [
        (CertificationRecord.Kind.FIRST, d("2028-01-10")),
        (CertificationRecord.Kind.RENEWAL, d("2029-12-01")),
    ]


def test_a_completion_before_the_window_opens_does_not_renew():
    curriculum, course = recertifying(period=24, window=60)
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-01-10")
    complete_and_evaluate(user, course, "2027-06-01")
    assignment.refresh_from_db()
    assert assignment.expires_on == d("2028-01-10")
    assert assignment.certifications.count() == 1
    nightly("2027-11-20")
    assignment.refresh_from_db()
    assert assignment.state == State.WINDOW_OPEN  # the early completion did not count


def test_after_expiry_a_fresh_completion_certifies_again_with_a_new_record():
    curriculum, course = recertifying(period=24, window=60)
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-01-10")
    nightly("2028-01-10")
    assignment.refresh_from_db()
    assert assignment.state == State.EXPIRED
    complete_and_evaluate(user, course, "2028-03-01")
    assignment.refresh_from_db()
    assert (assignment.state, assignment.expires_on) == (State.COMPLETE, d("2030-03-01"))
    latest = assignment.certifications.last()
    assert latest.kind == CertificationRecord.Kind.AFTER_EXPIRY
    assert assignment.certifications.first().expires_on == d("2028-01-10")  # history kept


def test_previous_expiry_method_renews_from_the_old_expiry_date():
    curriculum, course = recertifying(method=Curriculum.ExpiryMethod.PREVIOUS_EXPIRY, period=24, window=60)
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-01-10")
    complete_and_evaluate(user, course, "2027-12-01")
    assignment.refresh_from_db()
    assert assignment.expires_on == d("2030-01-10")


def test_previous_expiry_method_after_expiry_counts_from_the_completion():
    curriculum, course = recertifying(method=Curriculum.ExpiryMethod.PREVIOUS_EXPIRY, period=24, window=60)
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-01-10")
    nightly("2028-02-01")
    complete_and_evaluate(user, course, "2028-03-01")
    assignment.refresh_from_db()
    assert assignment.expires_on == d("2030-03-01")


def test_fixed_date_method_expires_on_the_fixed_day_at_least_one_period_later():
    curriculum, course = recertifying(
        method=Curriculum.ExpiryMethod.FIXED_DATE, period=12, window=60, expiry_month=6, expiry_day=30
    )
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-03-01")
    assignment.refresh_from_db()
    assert assignment.expires_on == d("2027-06-30")
    nightly("2027-05-01")
    assignment.refresh_from_db()
    assert assignment.state == State.WINDOW_OPEN
    complete_and_evaluate(user, course, "2027-06-01")
    assignment.refresh_from_db()
    assert (assignment.state, assignment.expires_on) == (State.COMPLETE, d("2028-06-30"))


def test_fixed_date_on_the_29th_of_february_falls_on_the_28th_in_common_years():
    rule = rules.RecertificationRule(
        period_months=12, window_days=30, method=Curriculum.ExpiryMethod.FIXED_DATE, month=2, day=29
    )
    assert rule.next_expiry(completed_on=d("2026-01-15"), previous_expires_on=None) == d("2027-02-28")
    assert rule.next_expiry(completed_on=d("2027-01-15"), previous_expires_on=None) == d("2028-02-29")


def test_history_imported_late_is_replayed_cycle_by_cycle():
    curriculum, course = recertifying(period=24, window=60)
    user = EmployeeFactory().user
    for when in ("2019-03-01", "2021-02-15", "2024-06-01"):
        complete(user, course, d(when))
    with on(d("2025-01-10")):
        services.assignments_reconcile(curriculum_id=curriculum.pk)
    assignment = Assignment.objects.get(user=user)
    kinds = list(assignment.certifications.values_list("kind", "expires_on"))
    assert kinds == [
        (CertificationRecord.Kind.FIRST, d("2021-03-01")),
        (CertificationRecord.Kind.RENEWAL, d("2023-02-15")),
        (CertificationRecord.Kind.AFTER_EXPIRY, d("2026-06-01")),
    ]
    assert assignment.state == State.COMPLETE


def test_an_old_completion_certifies_but_is_already_expired():
    curriculum, course = recertifying(period=12, window=30)
    user = EmployeeFactory().user
    complete(user, course, d("2020-01-01"))
    with on(d("2026-01-05")):
        services.assignments_reconcile(curriculum_id=curriculum.pk)
    assignment = Assignment.objects.get(user=user)
    assert assignment.state == State.EXPIRED
    assert assignment.certifications.count() == 1


def test_evaluating_twice_records_nothing_new():
    curriculum, course = recertifying()
    assignment, user = assigned(curriculum)
    complete_and_evaluate(user, course, "2026-01-10")
    with on(d("2026-01-11")):
        assert services.assignments_evaluate_for_user(user_id=user.pk) == 0
    assert CertificationRecord.objects.count() == 1


def test_certification_is_announced_after_commit_and_issues_a_curriculum_certificate(
    django_capture_on_commit_callbacks,
):
    curriculum, course = recertifying(period=24)
    assignment, user = assigned(curriculum)
    with on(d("2026-01-10")):
        complete(user, course, d("2026-01-10"))
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.assignments_evaluate_for_user(user_id=user.pk)
    assert callbacks
    certificate = Certificate.objects.get(curriculum_id=curriculum.pk)
    assert certificate.holder == user
    assert certificate.expires_on == d("2028-01-10")


def test_a_course_completion_in_the_player_reevaluates_assignments(django_capture_on_commit_callbacks):
    from courses.catalogue.services import course_completion_record

    curriculum, course = recertifying()
    assignment, user = assigned(curriculum)
    with on(d("2026-01-10")), django_capture_on_commit_callbacks(execute=True):
        course_completion_record(user=user, course=course, completed_at=rules.start_of_day(d("2026-01-10")))
    assignment.refresh_from_db()
    assert assignment.state == State.COMPLETE


def test_certificate_expiry_follows_the_curriculum_rule():
    curriculum, course = recertifying(period=24, window=60)
    assignment, user = assigned(curriculum)
    when = rules.start_of_day(d("2026-01-10"))
    assert certification_expiry_for(user_id=user.pk, course_id=course.pk, completed_at=when) == d("2028-01-10")
    complete_and_evaluate(user, course, "2026-01-10")
    recorded = assignment.certifications.get().completed_at
    assert certification_expiry_for(user_id=user.pk, course_id=course.pk, completed_at=recorded) == d("2028-01-10")
    early = rules.start_of_day(d("2027-03-01"))  # before the window: the certification stands
    assert certification_expiry_for(user_id=user.pk, course_id=course.pk, completed_at=early) == d("2028-01-10")
    other = CourseFactory()
    assert certification_expiry_for(user_id=user.pk, course_id=other.pk, completed_at=when) is None


def test_an_illegal_transition_is_refused():
    assignment = Assignment(state=State.ASSIGNED)
    with pytest.raises(IllegalTransition):
        assignment.transition(State.WINDOW_OPEN)
    assert assignment.state == State.ASSIGNED
    assert set(Assignment.sources_of(State.EXPIRED)) == {State.COMPLETE, State.WINDOW_OPEN}


def test_renewing_through_the_player_restarts_the_course_and_recertifies(client, django_capture_on_commit_callbacks):
    from courses.catalogue import services as course_services
    from courses.catalogue.models import Enrollment
    from tests.factories import ReadingModuleFactory

    curriculum, course = recertifying(period=24, window=60)
    reading = ReadingModuleFactory(course=course)
    assignment, user = assigned(curriculum)
    enrollment, _created = course_services.enrollment_create(user=user, course=course)
    with on(d("2026-01-10")), django_capture_on_commit_callbacks(execute=True):
        course_services.module_complete(enrollment=enrollment, module=reading)
    assignment.refresh_from_db()
    assert assignment.state == State.COMPLETE

    with on(d("2027-06-01")):  # before the window: nothing to renew yet
        client.force_login(user)
        response = client.post(f"/required-training/{assignment.pk}/renew/", follow=True)
    assert "This training cannot be renewed yet." in response.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED

    nightly("2027-12-01")
    with on(d("2027-12-01")):
        client.force_login(user)
        response = client.post(f"/required-training/{assignment.pk}/renew/")
    assert response.status_code == 302 and response["Location"] == f"/learn/{course.slug}/"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    with on(d("2027-12-02")), django_capture_on_commit_callbacks(execute=True):
        course_services.module_complete(enrollment=enrollment, module=reading)
    assignment.refresh_from_db()
    assert (assignment.state, assignment.expires_on) == (State.COMPLETE, d("2029-12-02"))


def test_nobody_can_renew_someone_elses_assignment(client):
    curriculum, _course = recertifying()
    assignment, _user = assigned(curriculum)
    client.force_login(EmployeeFactory().user)
    assert client.post(f"/required-training/{assignment.pk}/renew/").status_code == 404
    assert client.get(f"/required-training/{assignment.pk}/renew/").status_code == 405
