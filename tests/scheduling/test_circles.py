"""Reading-circle pages: the book, the meetings with seats left, signing up for every meeting."""

import datetime

import pytest
from django.utils import timezone

from cms.models import ReadingCirclePage, ReadingCirclesIndexPage
from courses.catalogue.models import Course
from courses.scheduling import services
from courses.scheduling.models import Registration
from tests.factories import CourseFactory, DepartmentFactory, LiveSessionModuleFactory, facilitator
from tests.scheduling.factories import employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State


def circle_series(capacity=8, departments=()):
    course = CourseFactory(format=Course.Format.READING_CIRCLE)
    LiveSessionModuleFactory(course=course, required_attendances=3)
    person = facilitator()
    return services.series_create(
        created_by=person,
        course=course,
        facilitators=[person],
        restricted_departments=departments,
        start_date=timezone.localdate() + datetime.timedelta(days=1),
        start_time=datetime.time(12),
        end_time=datetime.time(13),
        rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=4",
        time_zone="America/Denver",
        room="Main Library, room B",
        capacity=capacity,
    )


def circle_page(site_root, series):
    index = site_root.add_child(instance=ReadingCirclesIndexPage(title="Reading circles", slug="reading-circles"))
    return index.add_child(
        instance=ReadingCirclePage(
            title="The Sum of Us",
            slug="the-sum-of-us",
            book_title="The Sum of Us",
            book_author="Heather McGhee",
            description="<p>A book about what racism costs everyone.</p>",
            series=series,
            discussion_guide=[
                {"type": "meeting", "value": {"title": "Meeting 1", "reading": "Chapters 1–2", "questions": "<p>Q</p>"}}
            ],
        )
    )


def test_the_page_shows_the_book_the_meetings_and_seats_left(client, site_root):
    series = circle_series()
    page = circle_page(site_root, series)
    first = series.sessions.order_by("starts_at").first()
    registration(first)
    client.force_login(employee_user())
    response = client.get(page.url)
    text = response.content.decode()
    assert "Heather McGhee" in text and "Meeting 1" in text and "Chapters 1–2" in text
    assert len(response.context["meetings"]) == 4
    assert "7 seats left" in text and "8 seats left" in text
    assert "Attend 3 of the 4 meetings." in text
    assert "books you into every meeting to come" in text


def test_signing_up_books_every_upcoming_meeting_and_waitlists_full_ones(client, site_root):
    series = circle_series(capacity=1)
    page = circle_page(site_root, series)
    full = series.sessions.order_by("starts_at").first()
    registration(full)
    user = employee_user()
    client.force_login(user)
    response = client.post(
        f"/sessions/series/{series.pk}/register/", {"next": page.url}, follow=True, HTTP_HOST="localhost"
    )
    assert response.redirect_chain[-1][0] == page.url
    states = dict(Registration.objects.filter(user=user).values_list("session_id", "state"))
    assert states[full.pk] == State.WAITLISTED
    assert sorted(states.values()) == [State.BOOKED] * 3 + [State.WAITLISTED]
    text = response.content.decode()
    assert "You are booked for 3 meetings." in text and "1 meeting is full" in text
    assert "You are signed up for this circle." in text


def test_signing_up_twice_books_nothing_twice(client, site_root):
    series = circle_series()
    circle_page(site_root, series)
    user = employee_user()
    client.force_login(user)
    client.post(f"/sessions/series/{series.pk}/register/")
    response = client.post(f"/sessions/series/{series.pk}/register/", follow=True)
    assert Registration.objects.filter(user=user).count() == 4
    assert "already signed up for every meeting" in response.content.decode()


def test_leaving_the_circle_cancels_every_upcoming_place(client, site_root):
    series = circle_series()
    circle_page(site_root, series)
    user = employee_user()
    client.force_login(user)
    client.post(f"/sessions/series/{series.pk}/register/")
    client.post(f"/sessions/series/{series.pk}/leave/")
    assert set(Registration.objects.filter(user=user).values_list("state", flat=True)) == {State.CANCELLED}


def test_an_employee_outside_the_circles_departments_cannot_sign_up(client, site_root):
    planning = DepartmentFactory(name="Planning")
    series = circle_series(departments=[planning])
    page = circle_page(site_root, series)
    outsider = employee_user()
    client.force_login(outsider)
    assert "open to some departments only" in client.get(page.url).content.decode()
    response = client.post(f"/sessions/series/{series.pk}/register/", follow=True)
    assert "not open to you" in response.content.decode()
    assert not Registration.objects.filter(user=outsider).exists()


def test_an_offsite_next_address_is_ignored(client, site_root):
    series = circle_series()
    client.force_login(employee_user())
    response = client.post(f"/sessions/series/{series.pk}/register/", {"next": "https://evil.example/"})
    assert response["Location"] == "/sessions/"


def test_anonymous_visitors_are_asked_to_log_in(client, site_root):
    page = circle_page(site_root, circle_series())
    assert "Log in to sign up" in client.get(page.url).content.decode()
    response = client.post(f"/sessions/series/{page.series_id}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_attending_n_of_m_meetings_completes_the_live_session(site_root):
    from courses.catalogue.models import ModuleProgress

    series = circle_series()
    user = employee_user()
    meetings = list(series.sessions.order_by("starts_at"))
    module = series.course.modules.get()
    for number, session in enumerate(meetings[:3], start=1):
        row = registration(session, user)
        services.attendance_mark(
            session=session, actor=series.facilitators.first(), attended=[row.pk], now=session.starts_at
        )
        done = ModuleProgress.objects.filter(enrollment__user=user, module=module, completed_at__isnull=False).exists()
        assert done == (number == 3)


def test_editors_edit_a_reading_circle_in_the_wagtail_admin(client, site_root):
    from tests.factories import UserFactory

    page = circle_page(site_root, circle_series())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert b"discussion_guide" in response.content and b"book_title" in response.content


def test_the_roster_and_the_page_show_meetings_attended_of_those_needed(client, site_root):
    series = circle_series()
    page = circle_page(site_root, series)
    runner = series.facilitators.first()
    user = employee_user()
    first, second, *_rest = series.sessions.order_by("starts_at")
    for session in (first, second):
        registration(session, user)
    row = Registration.objects.get(session=first, user=user)
    services.attendance_mark(session=first, actor=runner, attended=[row.pk], now=first.starts_at)
    client.force_login(runner)
    roster = client.get(f"/facilitate/sessions/{second.pk}/roster/").content.decode()
    assert "1 of 3 needed" in roster
    client.force_login(user)
    assert "So far you attended 1 of the 3 meetings needed." in client.get(page.url).content.decode()
