"""Facilitator pages: who may use them, the series form (patterns, preview, validation), editing a
series and one meeting, skipping and cancelling."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.scheduling import services
from courses.scheduling.facilitation import Pattern, build_rrule, parse_pattern
from courses.scheduling.models import Registration, Session, SessionSeries
from tests.factories import CourseFactory, DepartmentFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State


def series_post(course, facilitators, **overrides):
    start = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "course": course.pk,
        "title": "",
        "start_date": start.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "time_zone": "America/Denver",
        "pattern": Pattern.MONTHLY_WEEKDAY,
        "interval": "1",
        "week_of_month": "2",
        "month_weekday": "TU",
        "month_day": "",
        "until": "",
        "advanced_rrule": "",
        "exdates": "",
        "room": "City Hall, room 301",
        "video_link": "",
        "language": "en",
        "capacity": "25",
        "registration_cutoff_hours": "2",
        "facilitators": [person.pk for person in facilitators],
        "active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_series(user, **fields):
    values = {
        "start_date": timezone.localdate() + datetime.timedelta(days=1),
        "start_time": datetime.time(10),
        "end_time": datetime.time(12),
        "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "time_zone": "America/Denver",
        "room": "Room 1",
        "capacity": 10,
    }
    values.update(fields)
    return services.series_create(created_by=user, course=CourseFactory(), facilitators=[user], **values)


# --- who may use the pages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["scheduling:facilitate", "scheduling:facilitate_series_new", "scheduling:facilitate_session_new"],
)
def test_an_employee_is_refused_the_facilitator_pages(client, url):
    client.force_login(employee_user())
    assert client.get(reverse(url)).status_code == 403


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(reverse("scheduling:facilitate"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_facilitator_sees_their_series_and_not_others(client):
    mine_user, other = facilitator(), facilitator()
    mine = make_series(mine_user, title="Mine")
    make_series(other, title="Theirs", start_time=datetime.time(14), end_time=datetime.time(15))
    client.force_login(mine_user)
    response = client.get(reverse("scheduling:facilitate"))
    assert response.status_code == 200
    assert list(response.context["series_page"]) == [mine]
    assert all(mine_user in s.facilitators.all() for s in response.context["page"])


def test_the_overview_shows_empty_states(client):
    client.force_login(facilitator())
    response = client.get(reverse("scheduling:facilitate"))
    assert b"No upcoming sessions" in response.content
    assert b"You run no series yet" in response.content
    assert b"No past sessions yet" in client.get(reverse("scheduling:facilitate") + "?when=past").content


def test_a_facilitator_cannot_open_or_change_another_facilitators_series(client):
    owner, intruder = facilitator(), facilitator()
    series = make_series(owner)
    client.force_login(intruder)
    assert client.get(reverse("scheduling:facilitate_series", args=[series.pk])).status_code == 403
    assert client.get(reverse("scheduling:facilitate_series_edit", args=[series.pk])).status_code == 403
    response = client.post(
        reverse("scheduling:facilitate_series_edit", args=[series.pk]),
        series_post(series.course, [intruder], capacity="3"),
    )
    assert response.status_code == 403
    series.refresh_from_db()
    assert series.capacity == 10


def test_a_training_admin_can_edit_any_series(client):
    owner = facilitator()
    series = make_series(owner)
    client.force_login(training_admin())
    response = client.post(
        reverse("scheduling:facilitate_series_edit", args=[series.pk]),
        series_post(series.course, [owner], capacity="12", start_date=series.start_date.isoformat()),
    )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.capacity == 12
    assert set(series.sessions.filter(starts_at__gt=timezone.now()).values_list("capacity", flat=True)) == {12}


def test_a_facilitator_cannot_manage_another_facilitators_session(client):
    session = SessionFactory()
    client.force_login(facilitator())
    for name in ("facilitate_session_edit", "facilitate_session_cancel", "roster", "checkin_screen"):
        assert client.get(reverse(f"scheduling:{name}", args=[session.pk])).status_code == 403


# --- creating a series -----------------------------------------------------------------------------


def test_the_pattern_picker_builds_a_monthly_second_tuesday_series(client):
    person = facilitator()
    course = CourseFactory()
    client.force_login(person)
    response = client.post(reverse("scheduling:facilitate_series_new"), series_post(course, [person]))
    assert response.status_code == 302
    series = SessionSeries.objects.get()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert series.sessions.exists()
    for session in series.sessions.all():
        local = session.starts_at.astimezone(series.tzinfo)
        assert local.weekday() == 1 and 8 <= local.day <= 14 and local.hour == 10


def test_preview_lists_the_next_six_dates_and_saves_nothing(client):
    person = facilitator()
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_series_new"), series_post(CourseFactory(), [person], preview="1")
    )
    assert response.status_code == 200
    assert len(response.context["preview"]) == 6
    assert response.content.count(b"<time datetime=") >= 6
    assert not SessionSeries.objects.exists()


def test_preview_json_returns_the_dates_as_html(client):
    person = facilitator()
    client.force_login(person)
    data = series_post(CourseFactory(), [person], pattern=Pattern.WEEKLY, weekdays=["MO", "TH"])
    payload = client.post(reverse("scheduling:facilitate_series_preview"), data).json()
    assert payload["ok"] is True
    assert payload["html"].count("<li>") == 6
    bad = client.post(reverse("scheduling:facilitate_series_preview"), {**data, "end_time": "09:00"}).json()
    assert bad["ok"] is False and any("end must be after" in error for error in bad["errors"])


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "09:00"}, "end_time", "The end must be after the start."),
        ({"capacity": "0"}, "capacity", "A session needs at least one seat."),
        ({"pattern": Pattern.ADVANCED, "advanced_rrule": "FREQ=SOMETIMES"}, "advanced_rrule", "daily, weekly"),
        ({"pattern": Pattern.ADVANCED, "advanced_rrule": "FREQ=WEEKLY;BYDAY=XX"}, "advanced_rrule", "not a valid"),
        ({"pattern": Pattern.ADVANCED, "advanced_rrule": ""}, "advanced_rrule", "Write the recurrence rule"),
        ({"room": ""}, "room", "Give a room, a video link, or both."),
        ({"exdates": "next tuesday"}, "exdates", "is not a date"),
    ],
)
def test_the_series_form_explains_what_is_wrong_and_saves_nothing(client, overrides, field, message):
    person = facilitator()
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_series_new"), series_post(CourseFactory(), [person], **overrides)
    )
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert message.encode() in response.content
    assert not SessionSeries.objects.exists()


def test_a_double_booked_facilitator_is_refused(client):
    person = facilitator()
    first = make_series(person)
    client.force_login(person)
    response = client.post(reverse("scheduling:facilitate_series_new"), series_post(CourseFactory(), [person]))
    assert response.status_code == 400
    assert "already runs" in " ".join(response.context["form"].non_field_errors())
    assert SessionSeries.objects.get() == first


# --- editing -----------------------------------------------------------------------------------------


def test_editing_a_series_moves_future_meetings_and_names_who_was_told(client):
    person = facilitator()
    series = make_series(person)
    session = series.sessions.order_by("starts_at").first()
    attendee = employee_user(user__first_name="Rosa", user__last_name="Parks")
    registration(session, attendee)
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_series_edit", args=[series.pk]),
        series_post(
            series.course, [person], start_date=series.start_date.isoformat(), start_time="13:00", end_time="15:00"
        ),
        follow=True,
    )
    text = response.content.decode()
    assert "1 person registered was told: Rosa Parks." in text
    session.refresh_from_db()
    assert session.local_starts_at.hour == 13


def test_the_edit_form_shows_the_series_pattern(client):
    person = facilitator()
    series = make_series(person)
    client.force_login(person)
    form = client.get(reverse("scheduling:facilitate_series_edit", args=[series.pk])).context["form"]
    assert form.initial["pattern"] == Pattern.MONTHLY_WEEKDAY
    assert form.initial["week_of_month"] == 2 and form.initial["month_weekday"] == "TU"


def test_editing_one_meeting_detaches_it_and_moves_its_time(client):
    person = facilitator()
    series = make_series(person)
    session = series.sessions.order_by("starts_at").first()
    local = session.local_starts_at
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_session_edit", args=[session.pk]),
        {
            "title": "",
            "date": (local.date() + datetime.timedelta(days=1)).isoformat(),
            "start_time": "09:00",
            "end_time": "11:00",
            "time_zone": "America/Denver",
            "facilitators": [person.pk],
            "room": "Room 2",
            "language": "en",
            "capacity": "10",
            "registration_cutoff_hours": "2",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.detached
    assert session.local_starts_at.date() == local.date() + datetime.timedelta(days=1)
    assert session.local_starts_at.hour == 9 and session.room == "Room 2"


def test_a_one_off_session_is_created_restricted_to_a_department(client):
    person = facilitator()
    department = DepartmentFactory()
    client.force_login(person)
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        reverse("scheduling:facilitate_session_new"),
        {
            "course": CourseFactory().pk,
            "date": day.isoformat(),
            "start_time": "14:00",
            "end_time": "16:00",
            "time_zone": "America/Denver",
            "facilitators": [person.pk],
            "room": "Planning office",
            "language": "es",
            "capacity": "15",
            "registration_cutoff_hours": "2",
            "restricted_departments": [department.pk],
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.series is None and session.language == "es"
    assert list(session.restricted_departments.all()) == [department]


def test_a_one_off_session_in_the_past_is_refused(client):
    person = facilitator()
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_session_new"),
        {
            "course": CourseFactory().pk,
            "date": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
            "start_time": "14:00",
            "end_time": "16:00",
            "time_zone": "America/Denver",
            "facilitators": [person.pk],
            "room": "Room",
            "language": "en",
            "capacity": "15",
            "registration_cutoff_hours": "2",
        },
    )
    assert response.status_code == 400
    assert not Session.objects.exists()


# --- skipping and cancelling -------------------------------------------------------------------------


def test_skipping_a_meeting_adds_a_skipped_date_and_tells_registrants(client):
    person = facilitator()
    series = make_series(person)
    session = series.sessions.order_by("starts_at").first()
    booked = registration(session, employee_user(user__first_name="Ida", user__last_name="Wells"))
    client.force_login(person)
    confirm = client.get(reverse("scheduling:facilitate_session_skip", args=[session.pk]))
    assert b"Ida Wells" in confirm.content
    response = client.post(reverse("scheduling:facilitate_session_skip", args=[session.pk]), follow=True)
    assert "1 person registered was told: Ida Wells." in response.content.decode()
    series.refresh_from_db()
    session.refresh_from_db()
    booked.refresh_from_db()
    assert session.local_starts_at.date().isoformat() in series.exdates
    assert session.is_cancelled and booked.state == State.CANCELLED


def test_cancelling_needs_a_reason_then_tells_everyone(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person])
    booked = registration(session)
    waiting = registration(session, state=State.WAITLISTED)
    client.force_login(person)
    page = client.get(reverse("scheduling:facilitate_session_cancel", args=[session.pk]))
    assert b"2 people registered will be told" in page.content
    refused = client.post(reverse("scheduling:facilitate_session_cancel", args=[session.pk]), {"reason": ""})
    assert refused.status_code == 400
    session.refresh_from_db()
    assert not session.is_cancelled
    client.post(reverse("scheduling:facilitate_session_cancel", args=[session.pk]), {"reason": "Facilitator is ill"})
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_reason == "Facilitator is ill"
    assert {booked.__class__.objects.get(pk=r.pk).state for r in (booked, waiting)} == {State.CANCELLED}


# --- the pattern picker -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"pattern": Pattern.ONCE}, ""),
        ({"pattern": Pattern.WEEKLY, "weekdays": ["TH", "MO"]}, "FREQ=WEEKLY;BYDAY=MO,TH"),
        ({"pattern": Pattern.WEEKLY, "weekdays": ["WE"], "interval": 2}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
        ({"pattern": Pattern.MONTHLY_WEEKDAY, "week_of_month": 2, "month_weekday": "TU"}, "FREQ=MONTHLY;BYDAY=2TU"),
        ({"pattern": Pattern.MONTHLY_WEEKDAY, "week_of_month": -1, "month_weekday": "FR"}, "FREQ=MONTHLY;BYDAY=-1FR"),
        ({"pattern": Pattern.MONTHLY_DATE, "month_day": 15}, "FREQ=MONTHLY;BYMONTHDAY=15"),
        ({"pattern": Pattern.ADVANCED, "advanced": "rrule:freq=daily;count=3"}, "FREQ=DAILY;COUNT=3"),
    ],
)
def test_patterns_become_rrules_and_back(kwargs, rule):
    assert build_rrule(**kwargs) == rule
    parsed = parse_pattern(rule)
    assert parsed["pattern"] == kwargs["pattern"]


def test_until_is_the_end_of_the_local_day_in_utc():
    rule = build_rrule(
        pattern=Pattern.WEEKLY, weekdays=["MO"], until=datetime.date(2027, 1, 31), time_zone="America/Denver"
    )
    assert rule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270201T065959Z"
    assert parse_pattern(rule, "America/Denver")["until"] == datetime.date(2027, 1, 31)


def test_the_preview_flags_a_date_when_a_facilitator_is_busy(client):
    person = facilitator()
    make_series(person)
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_series_new"), series_post(CourseFactory(), [person], preview="1")
    )
    assert response.status_code == 200
    assert all(item.clash is not None for item in response.context["preview"])
    assert "Clash: a facilitator already runs" in response.content.decode()


def test_the_preview_of_an_edit_does_not_clash_with_the_series_itself(client):
    person = facilitator()
    series = make_series(person)
    client.force_login(person)
    url = reverse("scheduling:facilitate_series_preview") + f"?series={series.pk}"
    payload = client.post(url, series_post(series.course, [person], start_date=series.start_date.isoformat())).json()
    assert payload["ok"] and "Clash" not in payload["html"]


def test_a_facilitator_must_include_themselves(client):
    person, other = facilitator(), facilitator()
    client.force_login(person)
    response = client.post(reverse("scheduling:facilitate_series_new"), series_post(CourseFactory(), [other]))
    assert response.status_code == 400
    assert "Include yourself" in response.content.decode()
    assert not SessionSeries.objects.exists()


def test_stopping_a_series_cancels_its_meetings_to_come_and_tells_registrants(client):
    person = facilitator()
    series = make_series(person)
    session = series.sessions.order_by("starts_at").first()
    booked = registration(session, employee_user(user__first_name="Ella", user__last_name="Baker"))
    client.force_login(person)
    data = series_post(series.course, [person], start_date=series.start_date.isoformat())
    del data["active"]
    response = client.post(reverse("scheduling:facilitate_series_edit", args=[series.pk]), data, follow=True)
    assert "1 person registered was told: Ella Baker." in response.content.decode()
    series.refresh_from_db()
    booked.refresh_from_db()
    assert not series.active and booked.state == State.CANCELLED
    assert not series.sessions.filter(status=Session.Status.SCHEDULED, starts_at__gt=timezone.now()).exists()
