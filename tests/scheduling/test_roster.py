"""Roster (attendance in bulk, walk-ins) and QR self check-in: permissions, code rotation, messages."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from courses.catalogue.models import ModuleProgress
from courses.scheduling import services
from courses.scheduling.models import Registration
from tests.factories import LiveSessionModuleFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State


def during(session):
    """Travel to ten minutes after the session starts."""
    return time_machine.travel(session.starts_at + datetime.timedelta(minutes=10), tick=False)


# --- roster ------------------------------------------------------------------------------------------


def test_the_roster_lists_everyone_cancelled_people_included(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    names = {}
    for state in (State.BOOKED, State.WAITLISTED, State.CANCELLED):
        user = employee_user(user__first_name=state.title(), user__last_name="Person")
        names[state] = user.get_full_name()
        registration(session, user, state=state)
    client.force_login(person)
    response = client.get(reverse("scheduling:roster", args=[session.pk]))
    text = response.content.decode()
    assert all(name in text for name in names.values())
    assert [r.state for r in response.context["rows"]] == [State.BOOKED, State.WAITLISTED, State.CANCELLED]


def test_the_session_page_links_its_facilitators_to_the_roster_and_check_in(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    roster_url = reverse("scheduling:roster", args=[session.pk])
    checkin_url = reverse("scheduling:checkin_screen", args=[session.pk])
    client.force_login(person)
    text = client.get(reverse("scheduling:detail", args=[session.pk])).content.decode()
    assert roster_url in text and checkin_url in text
    client.force_login(employee_user())
    text = client.get(reverse("scheduling:detail", args=[session.pk])).content.decode()
    assert roster_url not in text and checkin_url not in text


def test_a_facilitator_marks_attendance_in_bulk(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    first, second, absent = (registration(session) for _ in range(3))
    client.force_login(person)
    with during(session):
        client.post(
            reverse("scheduling:roster", args=[session.pk]),
            {"action": "attended", "registration": [first.pk, second.pk]},
        )
        client.post(reverse("scheduling:roster", args=[session.pk]), {"action": "no_show", "registration": [absent.pk]})
    states = dict(Registration.objects.values_list("pk", "state"))
    assert states == {first.pk: State.ATTENDED, second.pk: State.ATTENDED, absent.pk: State.NO_SHOW}


def test_attendance_completes_the_courses_live_session_module(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    module = LiveSessionModuleFactory(course=session.course)
    booked = registration(session)
    client.force_login(person)
    with during(session):
        client.post(
            reverse("scheduling:roster", args=[session.pk]), {"action": "attended", "registration": [booked.pk]}
        )
    assert ModuleProgress.objects.filter(
        enrollment__user=booked.user, module=module, completed_at__isnull=False
    ).exists()


def test_another_facilitator_cannot_mark_attendance(client):
    session = SessionFactory()
    booked = registration(session)
    client.force_login(facilitator())
    with during(session):
        response = client.post(
            reverse("scheduling:roster", args=[session.pk]), {"action": "attended", "registration": [booked.pk]}
        )
    assert response.status_code == 403
    booked.refresh_from_db()
    assert booked.state == State.BOOKED


def test_an_employee_cannot_mark_attendance(client):
    session = SessionFactory()
    booked = registration(session)
    client.force_login(booked.user)
    with during(session):
        response = client.post(
            reverse("scheduling:roster", args=[session.pk]), {"action": "attended", "registration": [booked.pk]}
        )
    assert response.status_code == 403
    booked.refresh_from_db()
    assert booked.state == State.BOOKED


def test_a_training_admin_can_mark_attendance(client):
    session = SessionFactory()
    booked = registration(session)
    client.force_login(training_admin())
    with during(session):
        client.post(
            reverse("scheduling:roster", args=[session.pk]), {"action": "attended", "registration": [booked.pk]}
        )
    booked.refresh_from_db()
    assert booked.state == State.ATTENDED


def test_marking_too_early_is_refused_with_a_message(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    booked = registration(session)
    client.force_login(person)
    response = client.post(
        reverse("scheduling:roster", args=[session.pk]),
        {"action": "attended", "registration": [booked.pk]},
        follow=True,
    )
    assert "Attendance can be taken from 30 minutes before" in response.content.decode()
    booked.refresh_from_db()
    assert booked.state == State.BOOKED


def test_marking_nobody_asks_to_tick_someone(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    client.force_login(person)
    response = client.post(reverse("scheduling:roster", args=[session.pk]), {"action": "attended"}, follow=True)
    assert "Tick at least one person first." in response.content.decode()


def test_a_walk_in_is_found_by_name_and_added_as_attended(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    walker = employee_user(user__first_name="Fannie", user__last_name="Hamer")
    client.force_login(person)
    found = client.get(reverse("scheduling:roster", args=[session.pk]), {"q": "hamer"})
    assert [e.user for e in found.context["candidates"]] == [walker]
    number = walker.employee.employee_number
    assert [
        e.user for e in client.get(reverse("scheduling:roster", args=[session.pk]), {"q": number}).context["candidates"]
    ] == [walker]
    with during(session):
        client.post(reverse("scheduling:roster_walk_in", args=[session.pk]), {"employee": walker.employee.pk})
    row = Registration.objects.get(session=session, user=walker)
    assert row.state == State.ATTENDED and row.walk_in


def test_another_facilitator_cannot_add_a_walk_in(client):
    session = SessionFactory()
    walker = employee_user()
    client.force_login(facilitator())
    with during(session):
        response = client.post(
            reverse("scheduling:roster_walk_in", args=[session.pk]), {"employee": walker.employee.pk}
        )
    assert response.status_code == 403
    assert not Registration.objects.exists()


# --- check-in screen -----------------------------------------------------------------------------------


def test_the_check_in_screen_shows_a_qr_code_and_the_typed_code(client, settings):
    settings.SITE_URL = "https://learn.city.example"
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    client.force_login(person)
    with during(session):
        response = client.get(reverse("scheduling:checkin_screen", args=[session.pk]))
        code = services.checkin_code(session)
    text = response.content.decode()
    assert "<svg" in text and code in text
    assert response.context["state"]["url"] == f"https://learn.city.example/checkin/{code}/"
    assert 'http-equiv="refresh"' in text  # no-JS fallback
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_check_in_json_gives_the_new_code_after_the_rotation(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    client.force_login(person)
    url = reverse("scheduling:checkin_json", args=[session.pk])
    start = session.starts_at.replace(second=5)
    with time_machine.travel(start, tick=False):
        first = client.get(url).json()
    with time_machine.travel(start + datetime.timedelta(seconds=60), tick=False):
        second = client.get(url).json()
    assert first["code"] != second["code"]
    assert first["seconds_left"] == 55
    assert "<svg" in second["svg"] and second["code"] in second["url"]
    assert second["attended_text"] == "0 people checked in."


def test_the_check_in_screen_is_for_the_sessions_facilitators_only(client):
    session = SessionFactory()
    client.force_login(facilitator())
    assert client.get(reverse("scheduling:checkin_json", args=[session.pk])).status_code == 403


# --- self check-in -------------------------------------------------------------------------------------


def test_codes_rotate_and_the_previous_one_is_still_accepted():
    session = SessionFactory()
    start = session.starts_at.replace(second=0)
    with time_machine.travel(start, tick=False):
        code = services.checkin_code(session)
    later = start + datetime.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        assert services.checkin_code(session) != code
        assert code in services.checkin_codes_accepted(session)
    with time_machine.travel(start + datetime.timedelta(seconds=125), tick=False):
        assert code not in services.checkin_codes_accepted(session)


def test_codes_use_six_unambiguous_characters():
    session = SessionFactory()
    code = services.checkin_code(session)
    assert len(code) == 6
    assert not set(code) & set("01OI")


def test_an_employee_checks_in_by_typing_the_code(client):
    session = SessionFactory()
    booked = registration(session)
    client.force_login(booked.user)
    with during(session):
        code = services.checkin_code(session)
        response = client.post(reverse("scheduling:checkin"), {"code": code.lower()}, follow=True)
    assert "You are checked in" in response.content.decode()
    booked.refresh_from_db()
    assert booked.state == State.ATTENDED


def test_scanning_the_qr_code_asks_for_confirmation_then_checks_in(client):
    session = SessionFactory()
    user = employee_user()
    client.force_login(user)
    with during(session):
        code = services.checkin_code(session)
        page = client.get(reverse("scheduling:checkin_code", args=[code]))
        assert session.display_title in page.content.decode()
        assert not Registration.objects.exists()  # opening the link changes nothing
        client.post(reverse("scheduling:checkin_code", args=[code]))
    row = Registration.objects.get(user=user)
    assert row.state == State.ATTENDED and row.walk_in


def test_someone_who_logs_in_after_scanning_is_checked_in_with_the_code_they_scanned(client):
    session = SessionFactory()
    user = employee_user()
    start = session.starts_at.replace(second=50)
    with time_machine.travel(start, tick=False):
        code = services.checkin_code(session)
        response = client.get(reverse("scheduling:checkin_code", args=[code]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    # Logging in took three minutes: the code has rotated twice since.
    with time_machine.travel(start + datetime.timedelta(minutes=3), tick=False):
        client.force_login(user)
        client.post(reverse("scheduling:checkin_code", args=[code]))
    assert Registration.objects.get(user=user).state == State.ATTENDED


def test_an_expired_code_is_refused_with_a_message(client):
    session = SessionFactory()
    user = employee_user()
    client.force_login(user)
    start = session.starts_at
    with time_machine.travel(start, tick=False):
        code = services.checkin_code(session)
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        response = client.post(reverse("scheduling:checkin"), {"code": code})
    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_unknown_code_is_refused_with_a_message(client):
    client.force_login(employee_user())
    response = client.get(reverse("scheduling:checkin_code", args=["ZZZZZZ"]))
    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()


def test_a_full_session_turns_walk_ins_away_with_a_message(client):
    session = SessionFactory(capacity=1)
    registration(session)
    user = employee_user()
    client.force_login(user)
    with during(session):
        response = client.post(reverse("scheduling:checkin"), {"code": services.checkin_code(session)})
    assert "This session is full" in response.content.decode()
    assert not Registration.objects.filter(user=user).exists()


def test_the_typed_code_form_needs_a_login(client):
    response = client.get(reverse("scheduling:checkin"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_check_in_screen_says_when_check_in_opens(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])  # next week
    client.force_login(person)
    response = client.get(reverse("scheduling:checkin_screen", args=[session.pk]))
    assert "Check-in opens at" in response.content.decode()
    with during(session):
        assert (
            "Check-in opens at"
            not in client.get(reverse("scheduling:checkin_screen", args=[session.pk])).content.decode()
        )
