"""/sessions/calendar/: the month view of sessions (issue 15, item 5)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.scheduling.views.month import add_months, first_weekday
from tests.factories import DepartmentFactory, EmployeeFactory
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = pytest.mark.django_db
URL = reverse("scheduling:calendar")


def at(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def month_of(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def listed(page: str, session) -> bool:
    return f'href="{reverse("scheduling:detail", args=[session.pk])}"' in page


@pytest.fixture
def day():
    """The 15th of next month: inside the month whatever today is."""
    return add_months(timezone.localdate().replace(day=1), 1).replace(day=15)


def test_the_month_shows_its_sessions_and_not_the_next_months(client, day):
    inside = SessionFactory(starts_at=at(day), title="Implicit bias basics")
    later = SessionFactory(starts_at=at(add_months(day.replace(day=1), 1)))
    client.force_login(employee_user())
    response = client.get(URL, {"month": month_of(day)})
    page = response.content.decode()
    assert response.status_code == 200
    assert listed(page, inside) and "Implicit bias basics" in page
    assert not listed(page, later)
    assert "<caption" in page and 'scope="col"' in page


def test_department_restricted_sessions_stay_hidden_from_others(client, day):
    city = DepartmentFactory(name="City")
    planning = DepartmentFactory(name="Planning", parent=city)
    health = DepartmentFactory(name="Environmental Health", parent=city)
    restricted = SessionFactory(starts_at=at(day), restricted_departments=[planning])
    client.force_login(EmployeeFactory(department=health).user)
    assert not listed(client.get(URL, {"month": month_of(day)}).content.decode(), restricted)
    client.force_login(EmployeeFactory(department=planning).user)
    assert listed(client.get(URL, {"month": month_of(day)}).content.decode(), restricted)


def test_cancelled_sessions_are_left_out(client, day):
    cancelled = SessionFactory(starts_at=at(day), status="cancelled")
    client.force_login(employee_user())
    assert not listed(client.get(URL, {"month": month_of(day)}).content.decode(), cancelled)


def test_today_is_marked_and_the_default_is_this_month(client):
    client.force_login(employee_user())
    page = client.get(URL).content.decode()
    today = timezone.localdate()
    assert page.count('aria-current="date"') == 1
    assert f'datetime="{today.isoformat()}"' in page
    assert f"?month={month_of(add_months(today.replace(day=1), 1))}" in page


def test_previous_and_next_links_cross_the_year(client):
    client.force_login(employee_user())
    page = client.get(URL, {"month": "2027-01"}).content.decode()
    assert "?month=2026-12" in page and "?month=2027-02" in page


@pytest.mark.parametrize(
    ("language", "first", "title"),
    [("en", "Sun", "January 2027"), ("es", "lun", "enero de 2027")],
)
def test_weekdays_and_title_follow_the_locale(client, language, first, title):
    client.force_login(employee_user(preferred_language=language))
    with translation.override(language):
        assert first_weekday() == (6 if language == "en" else 0)
    text = client.get(URL, {"month": "2027-01"}).content.decode()
    first_header = text.split("<thead>", 1)[1].split("</th>", 1)[0]
    assert f">{first}</abbr>" in first_header
    assert title in text


@pytest.mark.parametrize(
    "value", ["0001-01", "9999-12", "garbage", "2026-13", "2026-00", "2026-1", "x" * 500, "٢٠٢٦-١٢"]
)
def test_hostile_months_get_a_clear_message_and_a_400(client, value):
    client.force_login(employee_user())
    response = client.get(URL, {"month": value})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_list_links_to_the_month_view(client):
    client.force_login(employee_user())
    assert f'href="{URL}"' in client.get(reverse("scheduling:list")).content.decode()


def test_visitors_see_only_public_sessions(client, day):
    public = SessionFactory(starts_at=at(day), is_public=True)
    staff_only = SessionFactory(starts_at=at(day))
    page = client.get(URL, {"month": month_of(day)}).content.decode()
    assert listed(page, public) and not listed(page, staff_only)


def test_queries_do_not_grow_with_sessions(client, day):
    client.force_login(employee_user())
    SessionFactory(starts_at=at(day))
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"month": month_of(day)})
    for offset in range(8):
        SessionFactory(starts_at=at(day + datetime.timedelta(days=offset % 5), hour=9 + offset))
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL, {"month": month_of(day)}).content.decode()
    assert page.count('class="day-sessions"') >= 2
    assert len(many) == len(few)
