"""Registration: the state machine, seats and the waitlist, cut-off and late cancellation."""

import datetime

import pytest
from django.utils import timezone

from courses.scheduling import services
from courses.scheduling.exceptions import (
    AlreadyRegistered,
    FacilitatorDoubleBooked,
    IllegalTransition,
    NotAllowed,
    RegistrationClosed,
    SchedulingError,
    SessionCancelled,
)
from courses.scheduling.models import Registration
from tests.factories import facilitator
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (State.BOOKED, State.CANCELLED),
        (State.BOOKED, State.ATTENDED),
        (State.BOOKED, State.NO_SHOW),
        (State.WAITLISTED, State.BOOKED),
        (State.WAITLISTED, State.CANCELLED),
        (State.PENDING, State.BOOKED),
    ],
)
def test_legal_transitions_change_the_state(start, end):
    row = Registration(state=start)
    row.transition(end)
    assert row.state == end


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (State.CANCELLED, State.BOOKED),
        (State.CANCELLED, State.ATTENDED),
        (State.WAITLISTED, State.NO_SHOW),
        (State.ATTENDED, State.CANCELLED),
        (State.NO_SHOW, State.WAITLISTED),
        (State.BOOKED, State.WAITLISTED),
    ],
)
def test_illegal_transitions_raise_a_domain_error_and_keep_the_state(start, end):
    row = Registration(state=start)
    with pytest.raises(IllegalTransition):
        row.transition(end)
    assert row.state == start


def test_every_state_has_a_row_in_the_transition_table():
    assert set(Registration.TRANSITIONS) == set(State)


def test_first_people_are_booked_then_the_waitlist_fills_in_order():
    session = SessionFactory(capacity=2)
    people = [employee_user() for _ in range(4)]
    states = [services.registration_create(session=session, user=user).state for user in people]
    assert states == [State.BOOKED, State.BOOKED, State.WAITLISTED, State.WAITLISTED]


def test_cancelling_a_booking_promotes_the_first_on_the_waitlist_only():
    session = SessionFactory(capacity=1)
    first, second, third = employee_user(), employee_user(), employee_user()
    booked = services.registration_create(session=session, user=first)
    waiting = services.registration_create(session=session, user=second)
    later = services.registration_create(session=session, user=third)

    services.registration_cancel(registration=booked, actor=first)

    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.state == State.BOOKED
    assert later.state == State.WAITLISTED
    assert session.registrations.filter(state=State.BOOKED).count() == 1


def test_leaving_the_waitlist_promotes_nobody():
    session = SessionFactory(capacity=1)
    first, second = employee_user(), employee_user()
    services.registration_create(session=session, user=first)
    waiting = services.registration_create(session=session, user=second)
    services.registration_cancel(registration=waiting, actor=second)
    assert session.registrations.filter(state=State.BOOKED).count() == 1


def test_registering_twice_is_refused():
    session = SessionFactory()
    user = employee_user()
    services.registration_create(session=session, user=user)
    with pytest.raises(AlreadyRegistered):
        services.registration_create(session=session, user=user)
    assert session.registrations.count() == 1


def test_someone_who_cancelled_can_register_again_with_a_newer_calendar_sequence():
    session = SessionFactory()
    user = employee_user()
    first = services.registration_create(session=session, user=user)
    services.registration_cancel(registration=first, actor=user)
    again = services.registration_create(session=session, user=user)
    assert again.state == State.BOOKED
    assert again.calendar_offset > first.calendar_offset


def test_registration_after_the_cut_off_is_refused_and_nothing_is_saved():
    start = timezone.now() + datetime.timedelta(hours=1)
    session = SessionFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), registration_cutoff_hours=2)
    with pytest.raises(RegistrationClosed):
        services.registration_create(session=session, user=employee_user())
    assert not session.registrations.exists()


def test_cancelling_inside_the_cut_off_is_allowed_but_recorded_as_late():
    start = timezone.now() + datetime.timedelta(days=2)
    session = SessionFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), registration_cutoff_hours=24)
    user = employee_user()
    row = services.registration_create(session=session, user=user)
    row = services.registration_cancel(registration=row, actor=user, now=start - datetime.timedelta(hours=3))
    assert row.state == State.CANCELLED
    assert row.late_cancel is True


def test_cancelling_before_the_cut_off_is_not_late():
    session = SessionFactory()
    user = employee_user()
    row = services.registration_create(session=session, user=user)
    assert services.registration_cancel(registration=row, actor=user).late_cancel is False


def test_cancelling_twice_is_an_illegal_transition():
    session = SessionFactory()
    user = employee_user()
    row = services.registration_create(session=session, user=user)
    services.registration_cancel(registration=row, actor=user)
    with pytest.raises(IllegalTransition):
        services.registration_cancel(registration=row, actor=user)


def test_someone_else_cannot_cancel_my_registration():
    session = SessionFactory()
    user = employee_user()
    row = services.registration_create(session=session, user=user)
    with pytest.raises(NotAllowed):
        services.registration_cancel(registration=row, actor=employee_user())
    row.refresh_from_db()
    assert row.state == State.BOOKED


def test_a_facilitator_of_the_session_can_cancel_a_registration():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    row = services.registration_create(session=session, user=employee_user())
    assert services.registration_cancel(registration=row, actor=runner).state == State.CANCELLED


def test_cancelling_a_session_cancels_every_place_and_tells_everyone(django_capture_on_commit_callbacks, mailoutbox):
    runner = facilitator()
    session = SessionFactory(capacity=1, facilitators=[runner])
    booked = registration(session)
    waiting = registration(session, state=State.WAITLISTED, waitlisted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        told = services.session_cancel(session=session, actor=runner, reason="The room flooded.")
    assert {r.pk for r in told} == {booked.pk, waiting.pk}
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_reason == "The room flooded."
    assert set(session.registrations.values_list("state", flat=True)) == {State.CANCELLED}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([booked.user.email, waiting.user.email])
    assert all("The room flooded." in m.body for m in mailoutbox)


def test_cancelling_a_session_leaves_attendance_marks_and_earlier_cancellations_alone():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    kept = {registration(session, state=state).pk: state for state in (State.ATTENDED, State.NO_SHOW, State.CANCELLED)}
    pending = registration(session, state=State.PENDING)
    services.session_cancel(session=session, actor=runner, reason="The facilitator is ill.")
    assert dict(session.registrations.filter(pk__in=kept).values_list("pk", "state")) == kept
    pending.refresh_from_db()
    assert pending.state == State.CANCELLED


def test_a_session_cannot_be_cancelled_twice():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    services.session_cancel(session=session, actor=runner, reason="Illness")
    with pytest.raises(SessionCancelled):
        services.session_cancel(session=session, actor=runner, reason="Illness again")


def test_a_session_cannot_be_cancelled_without_a_reason():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    with pytest.raises(SchedulingError):
        services.session_cancel(session=session, actor=runner, reason="  ")
    session.refresh_from_db()
    assert not session.is_cancelled


def test_another_facilitator_cannot_cancel_the_session():
    session = SessionFactory()
    with pytest.raises(NotAllowed):
        services.session_cancel(session=session, actor=facilitator(), reason="Mine now")


def test_registration_for_a_cancelled_session_is_refused():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    services.session_cancel(session=session, actor=runner, reason="Illness")
    with pytest.raises(SessionCancelled):
        services.registration_create(session=session, user=employee_user())


def test_more_seats_promote_the_waitlist():
    runner = facilitator()
    session = SessionFactory(capacity=1, facilitators=[runner])
    services.registration_create(session=session, user=employee_user())
    waiting = services.registration_create(session=session, user=employee_user())
    services.session_update(session=session, actor=runner, capacity=2)
    waiting.refresh_from_db()
    assert waiting.state == State.BOOKED


def test_a_facilitator_cannot_be_booked_at_two_overlapping_sessions():
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    with pytest.raises(FacilitatorDoubleBooked):
        services.session_create(
            created_by=runner,
            course=session.course,
            facilitators=[runner],
            starts_at=session.starts_at + datetime.timedelta(hours=1),
            ends_at=session.ends_at + datetime.timedelta(hours=1),
            room="Library",
        )
