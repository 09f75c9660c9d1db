"""Facilitators read a series' pattern in words in their language, its first meeting (not the date
typed as its start), and keep the preview of the next dates when saving fails on a clash."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.scheduling.facilitation import describe_rrule
from courses.scheduling.models import SessionSeries
from tests.factories import CourseFactory, facilitator
from tests.scheduling.test_facilitate import make_series, series_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "language", "words"),
    [
        ("FREQ=MONTHLY;BYDAY=2TU", "en", "Monthly on the second Tuesday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "en", "Monthly on the last Friday"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "en", "Every other month on the first Monday"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "en", "Weekly on Monday, Thursday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "en", "Every other week on Wednesday"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "en", "Monthly on day 15"),
        ("", "en", "Once"),
        ("FREQ=MONTHLY;BYDAY=2TU", "es", "Cada mes, el segundo martes"),
        ("FREQ=MONTHLY;BYDAY=2TU", "vi", "Hằng tháng vào Thứ Ba thứ hai"),
        ("FREQ=MONTHLY;BYDAY=2TU", "zh-hans", "每月第二个星期二"),
        ("FREQ=MONTHLY;BYDAY=2TU", "ar", "شهريًا في يوم الثلاثاء الثاني"),
    ],
)
def test_a_rule_reads_in_words_in_every_language(rule, language, words):
    with translation.override(language):
        assert describe_rrule(rule, "America/Denver") == words


def test_the_end_date_is_in_the_locales_date_format():
    rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270201T065959Z"
    assert describe_rrule(rule, "America/Denver") == "Weekly on Monday, until Jan. 31, 2027"
    with translation.override("es"):
        assert describe_rrule(rule, "America/Denver") == "Cada semana: lunes, hasta el 31 de enero de 2027"


def test_a_rule_the_picker_cannot_show_has_no_words():
    assert describe_rrule("FREQ=DAILY;COUNT=3") is None
    assert describe_rrule("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO") is None


def test_the_series_page_shows_the_rule_in_words_and_the_first_meeting(client):
    person = facilitator()
    # Typed start: tomorrow; the first meeting is the next second Tuesday on or after it.
    series = make_series(person)
    first = series.sessions.order_by("starts_at").first()
    client.force_login(person)
    content = client.get(reverse("scheduling:facilitate_series", args=[series.pk])).content.decode()
    assert "Monthly on the second Tuesday, 10 a.m.–noon" in content  # English's own TIME_FORMAT
    assert "FREQ=MONTHLY" not in content
    assert "First meeting" in content and "First date" not in content
    local = first.starts_at.astimezone(series.tzinfo)
    assert local.weekday() == 1 and 8 <= local.day <= 14
    assert f'datetime="{timezone.localtime(first.starts_at).isoformat()}"' in content


def test_a_clash_on_saving_keeps_the_preview_of_the_next_dates(client):
    person = facilitator()
    make_series(person)
    client.force_login(person)
    response = client.post(reverse("scheduling:facilitate_series_new"), series_post(CourseFactory(), [person]))
    assert response.status_code == 400
    assert "already runs" in " ".join(response.context["form"].non_field_errors())
    assert response.context["preview"] and all(item.clash is not None for item in response.context["preview"])
    assert "Clash: a facilitator already runs" in response.content.decode()
    assert SessionSeries.objects.count() == 1


def test_a_clash_when_editing_keeps_the_preview(client):
    person = facilitator()
    make_series(person)  # the second Tuesday, 10 a.m.–noon
    other = make_series(person, rrule="FREQ=MONTHLY;BYDAY=3TU")
    client.force_login(person)
    response = client.post(
        reverse("scheduling:facilitate_series_edit", args=[other.pk]),
        series_post(other.course, [person], start_date=other.start_date.isoformat()),  # moved onto the first
    )
    assert response.status_code == 400
    assert any(item.clash is not None for item in response.context["preview"])
    assert response.context["form"]["start_date"].value() == other.start_date.isoformat()
