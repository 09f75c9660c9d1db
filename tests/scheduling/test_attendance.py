"""Attendance: who may mark it, check-in codes, walk-ins, and completing the live-session module."""

import datetime

import pytest
from django.utils import timezone

from courses.catalogue.models import Course, Enrollment, ModuleProgress
from courses.scheduling import services
from courses.scheduling.exceptions import IllegalTransition, InvalidCheckinCode, NotAllowed, SchedulingError
from courses.scheduling.models import Registration
from tests.factories import (
    CourseFactory,
    DepartmentFactory,
    EmployeeFactory,
    LiveSessionModuleFactory,
    facilitator,
    training_admin,
)
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State


def running_session(**kwargs):
    start = timezone.now() - datetime.timedelta(minutes=10)
    return SessionFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs)


def test_the_sessions_facilitator_marks_attendance_in_bulk():
    runner = facilitator()
    session = running_session(facilitators=[runner])
    came, missed = registration(session), registration(session)
    changed = services.attendance_mark(session=session, actor=runner, attended=[came.pk], no_show=[missed.pk])
    came.refresh_from_db()
    missed.refresh_from_db()
    assert changed == 2
    assert (came.state, missed.state) == (State.ATTENDED, State.NO_SHOW)
    assert came.attendance_marked_by == runner


def test_a_training_admin_may_mark_attendance():
    session = running_session()
    row = registration(session)
    services.attendance_mark(session=session, actor=training_admin(), attended=[row.pk])
    row.refresh_from_db()
    assert row.state == State.ATTENDED


@pytest.mark.parametrize("who", ["other_facilitator", "employee"])
def test_nobody_else_may_mark_attendance(who):
    session = running_session()
    row = registration(session)
    actor = facilitator() if who == "other_facilitator" else employee_user()
    with pytest.raises(NotAllowed):
        services.attendance_mark(session=session, actor=actor, attended=[row.pk])
    row.refresh_from_db()
    assert row.state == State.BOOKED


def test_marking_a_cancelled_registration_attended_changes_nothing():
    runner = facilitator()
    session = running_session(facilitators=[runner])
    ok = registration(session)
    gone = registration(session, state=State.CANCELLED)
    with pytest.raises(IllegalTransition):
        services.attendance_mark(session=session, actor=runner, attended=[ok.pk, gone.pk])
    ok.refresh_from_db()
    assert ok.state == State.BOOKED


def test_a_registration_of_another_session_cannot_be_marked_here():
    runner = facilitator()
    session = running_session(facilitators=[runner])
    elsewhere = registration(SessionFactory())
    with pytest.raises(SchedulingError):
        services.attendance_mark(session=session, actor=runner, attended=[elsewhere.pk])


def test_attending_one_session_completes_the_courses_live_session_module_and_enrols():
    course = CourseFactory(format=Course.Format.WORKSHOP)
    module = LiveSessionModuleFactory(course=course, required_attendances=1)
    runner = facilitator()
    session = running_session(course=course, facilitators=[runner])
    row = registration(session)
    services.attendance_mark(session=session, actor=runner, attended=[row.pk])
    enrollment = Enrollment.objects.get(user=row.user, course=course)
    assert ModuleProgress.objects.get(enrollment=enrollment, module=module).completed_at is not None
    assert enrollment.status == Enrollment.Status.COMPLETED


def test_a_reading_circle_needs_n_meetings_of_its_series():
    course = CourseFactory(format=Course.Format.READING_CIRCLE)
    module = LiveSessionModuleFactory(course=course, required_attendances=2)
    runner = facilitator()
    series = services.series_create(
        created_by=runner,
        course=course,
        facilitators=[runner],
        room="Library",
        capacity=10,
        start_date=timezone.localdate() - datetime.timedelta(days=21),
        start_time=datetime.time(12),
        end_time=datetime.time(13),
        rrule="FREQ=WEEKLY;COUNT=4",
        now=timezone.now() - datetime.timedelta(days=30),
    )
    meetings = list(series.sessions.order_by("starts_at"))
    reader = employee_user()
    rows = [registration(meeting, reader) for meeting in meetings]

    services.attendance_mark(session=meetings[0], actor=runner, attended=[rows[0].pk])
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()
    services.attendance_mark(session=meetings[1], actor=runner, attended=[rows[1].pk])
    assert ModuleProgress.objects.filter(module=module, enrollment__user=reader, completed_at__isnull=False).exists()


def test_check_in_with_the_current_code_marks_me_attended():
    session = running_session()
    row = registration(session)
    code = services.checkin_code(session)
    result = services.session_checkin(user=row.user, code=code.lower())
    assert result.pk == row.pk and result.state == State.ATTENDED


def test_the_previous_code_is_still_accepted_but_an_older_one_is_not():
    session = running_session()
    row = registration(session)
    now = timezone.now()
    previous = services.checkin_code(session, now - datetime.timedelta(seconds=services.CHECKIN_ROTATION_SECONDS))
    stale = services.checkin_code(session, now - datetime.timedelta(minutes=10))
    with pytest.raises(InvalidCheckinCode):
        services.session_checkin(user=row.user, code=stale, now=now)
    assert services.session_checkin(user=row.user, code=previous, now=now).state == State.ATTENDED


def test_check_in_without_a_place_registers_a_walk_in_while_seats_remain():
    session = running_session(capacity=1)
    person = employee_user()
    row = services.session_checkin(user=person, code=services.checkin_code(session))
    assert row.walk_in and row.state == State.ATTENDED
    with pytest.raises(SchedulingError):
        services.session_checkin(user=employee_user(), code=services.checkin_code(session))


def test_check_in_to_a_session_of_another_department_is_refused():
    planning = DepartmentFactory()
    session = running_session(restricted_departments=[planning])
    outsider = EmployeeFactory(department=DepartmentFactory()).user
    with pytest.raises(NotAllowed):
        services.session_checkin(user=outsider, code=services.checkin_code(session))
    assert not session.registrations.exists()


def test_a_facilitator_adds_a_walk_in():
    runner = facilitator()
    session = running_session(facilitators=[runner], capacity=1)
    registration(session)
    person = employee_user()
    row = services.walk_in_add(session=session, actor=runner, user=person)
    assert row.walk_in and row.state == State.ATTENDED


def test_attendance_cannot_be_taken_long_before_the_session():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    row = registration(session)
    with pytest.raises(SchedulingError):
        services.attendance_mark(session=session, actor=runner, attended=[row.pk])
