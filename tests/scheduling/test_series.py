"""Series: RRULE expansion in local time across DST, horizon filling, edits carried to sessions."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.scheduling import services
from courses.scheduling.exceptions import NotAllowed
from courses.scheduling.models import Registration, Session, SessionSeries
from courses.scheduling.recurrence import RecurrenceError, occurrences, parse_rrule
from tests.factories import CourseFactory, facilitator
from tests.scheduling.factories import employee_user

pytestmark = pytest.mark.django_db
CITY = zoneinfo.ZoneInfo(settings.TIME_ZONE)
NOW = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.UTC)


def make_series(runner=None, now=NOW, **overrides):
    runner = runner or facilitator()
    values = {
        "room": "City Hall, room 301",
        "capacity": 20,
        "start_date": datetime.date(2026, 1, 1),
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(12, 0),
        "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "time_zone": settings.TIME_ZONE,
    }
    values.update(overrides)
    return services.series_create(created_by=runner, course=CourseFactory(), facilitators=[runner], now=now, **values)


def test_the_city_time_zone_has_a_daylight_saving_change():
    winter = datetime.datetime(2026, 1, 15, 12, tzinfo=CITY).utcoffset()
    summer = datetime.datetime(2026, 7, 15, 12, tzinfo=CITY).utcoffset()
    assert winter != summer


def test_monthly_second_tuesday_keeps_its_local_start_across_daylight_saving():
    found = occurrences(
        start_date=datetime.date(2026, 1, 1),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        time_zone=settings.TIME_ZONE,
        rrule="FREQ=MONTHLY;BYDAY=2TU",
        limit=12,
    )
    assert [o.local_date for o in found[:4]] == [
        datetime.date(2026, 1, 13),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 4, 14),
    ]
    for occurrence in found:
        local = occurrence.starts_at.astimezone(CITY)
        assert (local.hour, local.minute) == (10, 0)
        assert occurrence.ends_at - occurrence.starts_at == datetime.timedelta(hours=2)
    # The UTC time moves instead: winter and summer differ by the DST offset.
    utc_hours = {o.starts_at.astimezone(datetime.UTC).hour for o in found}
    assert len(utc_hours) == 2


def test_materialised_sessions_across_the_change_start_at_ten_local():
    series = make_series()
    sessions = list(series.sessions.order_by("starts_at"))
    assert len(sessions) >= 5
    assert {s.starts_at.astimezone(CITY).time() for s in sessions} == {datetime.time(10, 0)}
    march = next(s for s in sessions if s.starts_at.month == 3)
    assert march.starts_at == datetime.datetime(2026, 3, 10, 16, 0, tzinfo=datetime.UTC)  # MDT, UTC-6
    january = sessions[0]
    assert january.starts_at == datetime.datetime(2026, 1, 13, 17, 0, tzinfo=datetime.UTC)  # MST, UTC-7


def test_skipped_dates_get_no_session():
    series = make_series(exdates=["2026-02-10"])
    dates = {s.starts_at.astimezone(CITY).date() for s in series.sessions.all()}
    assert datetime.date(2026, 2, 10) not in dates
    assert datetime.date(2026, 3, 10) in dates


def test_sessions_copy_the_series_logistics_and_people():
    department = __import__("tests.factories", fromlist=["DepartmentFactory"]).DepartmentFactory()
    runner = facilitator()
    series = make_series(runner=runner, language="es", capacity=12, is_public=False)
    series.restricted_departments.set([department])
    created = services.series_materialize(series_id=series.pk, horizon=400, now=NOW)
    session = created[0]
    assert (session.language, session.capacity, session.room) == ("es", 12, "City Hall, room 301")
    assert list(session.facilitators.all()) == [runner]
    assert list(session.restricted_departments.all()) == [department]


def test_materialising_again_creates_nothing_new():
    series = make_series()
    count = series.sessions.count()
    assert services.series_materialize(series_id=series.pk, now=NOW) == []
    assert series.sessions.count() == count


def test_a_longer_horizon_adds_the_later_dates_only():
    series = make_series()
    before = series.sessions.count()
    created = services.series_materialize(series_id=series.pk, horizon=365, now=NOW)
    assert len(created) > 0
    assert series.sessions.count() == before + len(created)
    assert Session.objects.filter(series=series).values("original_start").distinct().count() == before + len(created)


@pytest.mark.parametrize(
    ("rule", "message_part"),
    [
        ("FREQ=SECONDLY", "daily, weekly"),
        ("BYDAY=2TU", "FREQ"),
        ("FREQ=MONTHLY;BYDAY=XX", "not a valid"),
        ("FREQ=MONTHLY;UNTIL=20261231T000000", "not a valid"),
    ],
)
def test_bad_rules_are_refused_with_a_message(rule, message_part):
    with pytest.raises(RecurrenceError, match=message_part):
        parse_rrule(rule, datetime.date(2026, 1, 1), datetime.time(10), settings.TIME_ZONE)


def test_series_validation_refuses_an_end_before_the_start_and_a_bad_rule():
    series = SessionSeries(
        course=CourseFactory(),
        room="Room",
        start_date=datetime.date(2026, 1, 1),
        start_time=datetime.time(12),
        end_time=datetime.time(10),
        rrule="FREQ=NEVER",
    )
    with pytest.raises(ValidationError) as error:
        series.full_clean()
    assert "end_time" in error.value.message_dict
    assert "rrule" in error.value.message_dict


def test_a_series_needs_a_room_or_a_link_and_at_least_one_seat():
    with pytest.raises(ValidationError):
        make_series(room="", video_link="")
    with pytest.raises(ValidationError):
        make_series(capacity=0)
    assert not SessionSeries.objects.exists()


def test_editing_the_time_updates_future_sessions_bumps_sequence_and_tells_registrants(
    django_capture_on_commit_callbacks, mailoutbox
):
    runner = facilitator()
    series = make_series(runner=runner)
    first = series.sessions.order_by("starts_at").first()
    person = employee_user()
    services.registration_create(session=first, user=person, now=NOW)
    sequences = dict(series.sessions.values_list("pk", "sequence"))

    with django_capture_on_commit_callbacks(execute=True):
        change = services.series_update(
            series=series, actor=runner, start_time=datetime.time(14), end_time=datetime.time(16), now=NOW
        )

    assert change.affected_people == 1
    assert {s.pk for s in change.updated} == set(sequences)
    for session in series.sessions.all():
        assert session.starts_at.astimezone(CITY).time() == datetime.time(14)
        assert session.sequence == sequences[session.pk] + 1
    assert first.registrations.get().state == Registration.State.BOOKED
    assert [m.to for m in mailoutbox if "Changed" in m.subject] == [[person.email]]


def test_editing_skips_sessions_changed_on_their_own():
    runner = facilitator()
    series = make_series(runner=runner)
    moved = series.sessions.order_by("starts_at").first()
    services.session_update(session=moved, actor=runner, room="Library annex")
    moved.refresh_from_db()
    assert moved.detached

    services.series_update(series=series, actor=runner, room="Council chamber", now=NOW)

    moved.refresh_from_db()
    assert moved.room == "Library annex"
    assert set(series.sessions.exclude(pk=moved.pk).values_list("room", flat=True)) == {"Council chamber"}


def test_skipping_a_date_cancels_its_session_and_tells_its_registrants(django_capture_on_commit_callbacks, mailoutbox):
    runner = facilitator()
    series = make_series(runner=runner)
    february = series.sessions.get(starts_at__month=2)
    person = employee_user()
    services.registration_create(session=february, user=person, now=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        change = services.series_update(series=series, actor=runner, exdates=["2026-02-10"], now=NOW)

    february.refresh_from_db()
    assert february.is_cancelled
    assert change.cancelled == [february]
    assert [m.to for m in mailoutbox if "cancelled" in m.subject.lower()] == [[person.email]]


def test_moving_the_rule_to_another_weekday_keeps_registrations_on_the_moved_sessions():
    runner = facilitator()
    series = make_series(runner=runner)
    first = series.sessions.order_by("starts_at").first()
    person = employee_user()
    row = services.registration_create(session=first, user=person, now=NOW)
    count = series.sessions.count()

    services.series_update(series=series, actor=runner, rrule="FREQ=MONTHLY;BYDAY=3TH", now=NOW)

    row.refresh_from_db()
    assert row.state == Registration.State.BOOKED
    assert row.session.starts_at.astimezone(CITY).date() == datetime.date(2026, 1, 15)
    assert series.sessions.filter(status=Session.Status.SCHEDULED).count() == count


def test_a_facilitator_cannot_edit_another_facilitators_series():
    series = make_series()
    with pytest.raises(NotAllowed):
        services.series_update(series=series, actor=facilitator(), room="Elsewhere", now=NOW)
    series.refresh_from_db()
    assert series.room == "City Hall, room 301"


def test_the_daily_schedules_exist_after_migrating():
    from django_q.models import Schedule

    funcs = set(Schedule.objects.values_list("func", flat=True))
    assert {"courses.scheduling.tasks.fill_series_horizons", "courses.scheduling.tasks.send_reminders"} <= funcs


def test_the_daily_task_fills_every_active_series():
    from courses.scheduling.tasks import fill_series_horizons

    series = make_series(now=timezone.now(), start_date=timezone.localdate())
    Session.objects.filter(series=series).delete()
    assert fill_series_horizons() > 0
    assert series.sessions.exists()
