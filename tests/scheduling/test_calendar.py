"""Calendar files: a session's .ics, a series' .ics with RRULE/EXDATE, and the personal feed."""

import datetime

import icalendar
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.scheduling import services
from courses.scheduling.models import CalendarToken, Registration
from tests.factories import CourseFactory, facilitator
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db


def parse(content: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_session_ics_has_one_event_with_uid_sequence_local_times_and_timezone(client):
    user = employee_user()
    session = SessionFactory(video_link="https://meet.example/abc")
    client.force_login(user)
    response = client.get(reverse("scheduling:ics", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = parse(response.content)
    (event,) = events(calendar)
    assert str(event["uid"]) == session.uid
    assert int(event["sequence"]) == session.sequence
    assert event["dtstart"].params["TZID"] == settings.TIME_ZONE
    assert event.start == session.starts_at
    assert event.end == session.ends_at
    assert "City Hall, room 301" in str(event["location"])
    assert str(event["url"]).endswith(reverse("scheduling:detail", args=[session.pk]))
    assert str(event["status"]) == "CONFIRMED"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == [settings.TIME_ZONE]
    assert "https://meet.example/abc" in str(event["description"])


def test_a_changed_session_keeps_its_uid_and_raises_its_sequence(client):
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    client.force_login(runner)
    before = events(parse(client.get(reverse("scheduling:ics", args=[session.pk])).content))[0]
    services.session_update(session=session, actor=runner, room="Library")
    after = events(parse(client.get(reverse("scheduling:ics", args=[session.pk])).content))[0]
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) > int(before["sequence"])
    assert "Library" in str(after["location"])


def test_a_cancelled_session_ics_says_cancelled(client):
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    services.session_cancel(session=session, actor=runner, reason="Snow day")
    client.force_login(runner)
    (event,) = events(parse(client.get(reverse("scheduling:ics", args=[session.pk])).content))
    assert str(event["status"]) == "CANCELLED"


def test_series_ics_round_trips_uid_sequence_rrule_and_exdate(client):
    runner = facilitator()
    series = services.series_create(
        created_by=runner,
        course=CourseFactory(),
        facilitators=[runner],
        room="Room 1",
        start_date=datetime.date(2026, 1, 1),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        rrule="FREQ=MONTHLY;BYDAY=2TU",
        exdates=["2026-03-10"],
        now=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    moved = series.sessions.order_by("starts_at").first()
    services.session_update(session=moved, actor=runner, room="Annex")
    client.force_login(employee_user())

    calendar = parse(client.get(reverse("scheduling:series_ics", args=[series.pk])).content)
    master, override = events(calendar)
    assert str(master["uid"]) == series.uid
    assert int(master["sequence"]) == series.sequence
    assert master["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=2TU"
    exdates = list(master.exdates)
    assert datetime.datetime(2026, 3, 10, 10, tzinfo=series.tzinfo) in exdates
    assert str(override["uid"]) == series.uid
    assert override["recurrence-id"].dt == moved.original_start
    assert "Annex" in str(override["location"])
    # Serialising what was parsed gives the same calendar back.
    assert parse(calendar.to_ical()).to_ical() == calendar.to_ical()


def test_every_ics_round_trips_through_the_parser(client):
    session = SessionFactory()
    client.force_login(employee_user())
    content = client.get(reverse("scheduling:ics", args=[session.pk])).content
    calendar = parse(content)
    again = parse(calendar.to_ical())
    assert events(again)[0]["uid"] == events(calendar)[0]["uid"]
    assert events(again)[0]["sequence"] == events(calendar)[0]["sequence"]


def test_personal_feed_lists_booked_and_waitlisted_sessions_and_those_one_runs(client):
    user = employee_user()
    booked = SessionFactory()
    waiting = SessionFactory()
    cancelled = SessionFactory()
    registration(booked, user)
    registration(waiting, user, state=Registration.State.WAITLISTED)
    registration(cancelled, user, state=Registration.State.CANCELLED)
    user.groups.add(*facilitator().groups.all())
    ran = SessionFactory(facilitators=[user])
    token = services.calendar_token_for(user=user)

    response = client.get(reverse("scheduling:feed", args=[token.token]))

    assert response.status_code == 200
    uids = {str(event["uid"]) for event in events(parse(response.content))}
    assert uids == {booked.uid, waiting.uid, ran.uid}


def test_unknown_and_revoked_feed_tokens_get_the_same_bare_404(client):
    user = employee_user()
    registration(SessionFactory(), user)
    old = services.calendar_token_for(user=user)
    new = services.calendar_token_regenerate(user=user)
    assert old.token != new.token
    revoked = client.get(reverse("scheduling:feed", args=[old.token]))
    unknown = client.get(reverse("scheduling:feed", args=["x" * 43]))
    assert revoked.status_code == unknown.status_code == 404
    assert revoked.content == unknown.content == b""
    assert client.get(reverse("scheduling:feed", args=[new.token])).status_code == 200


def test_one_active_token_per_person_and_tokens_are_long_and_random():
    user = employee_user()
    first = services.calendar_token_for(user=user)
    assert services.calendar_token_for(user=user) == first
    assert len(first.token) >= 43
    services.calendar_token_regenerate(user=user)
    assert CalendarToken.objects.filter(user=user, revoked_at=None).count() == 1


def _feed_queries(client, user, count):
    for _ in range(count):
        registration(SessionFactory(), user)
    token = services.calendar_token_for(user=user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("scheduling:feed", args=[token.token]))
    assert response.status_code == 200
    assert len(events(parse(response.content))) == count
    return len(queries)


def test_the_feed_runs_a_constant_number_of_queries_for_50_registrations(client):
    few = _feed_queries(client, employee_user(), 2)
    many = _feed_queries(client, employee_user(), 50)
    assert many == few
    assert many <= 4


def test_regenerating_the_feed_address_needs_a_confirmation_post(client):
    user = employee_user()
    old = services.calendar_token_for(user=user)
    client.force_login(user)
    page = client.get(reverse("scheduling:calendar_regenerate"))
    assert page.status_code == 200
    old.refresh_from_db()
    assert old.revoked_at is None
    client.post(reverse("scheduling:calendar_regenerate"))
    old.refresh_from_db()
    assert old.revoked_at is not None


def test_learn_shows_the_sessions_and_calendar_panels(client):
    user = employee_user()
    session = SessionFactory()
    registration(session, user)
    token = services.calendar_token_for(user=user)
    client.force_login(user)
    page = client.get(reverse("learn:dashboard")).content.decode()
    assert "My upcoming sessions" in page
    assert session.display_title in page
    assert token.token in page


def test_turning_the_feed_off_needs_a_confirmation_post_and_the_address_stops_working(client):
    user = employee_user()
    token = services.calendar_token_for(user=user)
    client.force_login(user)
    assert reverse("scheduling:calendar_revoke") in client.get(reverse("learn:dashboard")).content.decode()
    page = client.get(reverse("scheduling:calendar_revoke"))
    assert "Turn off my calendar feed?" in page.content.decode()
    assert client.get(reverse("scheduling:feed", args=[token.token])).status_code == 200
    response = client.post(reverse("scheduling:calendar_revoke"), follow=True)
    assert "Your calendar feed is turned off." in response.content.decode()
    assert not CalendarToken.objects.filter(user=user, revoked_at=None).exists()
    assert client.get(reverse("scheduling:feed", args=[token.token])).status_code == 404
    dashboard = client.get(reverse("learn:dashboard")).content.decode()
    assert "Create my calendar feed" in dashboard


def test_turning_off_a_feed_one_does_not_have_changes_nothing_and_says_so(client):
    user = employee_user()
    client.force_login(user)
    response = client.post(reverse("scheduling:calendar_revoke"), follow=True)
    assert "You have no calendar feed to turn off." in response.content.decode()
    assert not CalendarToken.objects.filter(user=user).exists()
