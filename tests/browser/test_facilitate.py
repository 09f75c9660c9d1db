"""Browser journeys of the facilitator pages, QR check-in, reading circles and training requests,
with accessibility checks (axe, WCAG 2.2 AA) of each page on the way."""

import datetime

import pytest
from django.utils import timezone

from cms.models import ReadingCirclePage, ReadingCirclesIndexPage
from courses.catalogue.models import Course
from courses.scheduling import services
from courses.scheduling.models import Registration, SessionSeries
from courses.scheduling.requests.models import TrainingRequest
from tests.browser.a11y import assert_accessible
from tests.conftest import login
from tests.factories import CourseFactory, DepartmentFactory, UserFactory, facilitator
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
State = Registration.State


def test_a_facilitator_creates_a_monthly_series_with_the_pattern_picker_and_preview(page):
    facilitator(username="fran", first_name="Fran", last_name="Lopez")
    CourseFactory(title="Foundations of Anti-Racism")
    login(page, "fran")
    page.goto("/facilitate/")
    assert page.get_by_text("You run no series yet.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="New series").first.click()
    page.get_by_label("Course", exact=True).select_option(label="Foundations of Anti-Racism")
    first = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("First date", exact=True).fill(first.isoformat())
    page.get_by_label("Starts at", exact=True).fill("10:00")
    page.get_by_label("Ends at", exact=True).fill("12:00")
    page.get_by_label("Time zone", exact=True).select_option("America/Denver")
    page.get_by_label("Monthly, on a weekday (for example the second Tuesday)").check()
    # The picker shows only the fields of the chosen pattern.
    assert page.get_by_label("Week of the month", exact=True).is_visible()
    assert not page.get_by_label("Recurrence rule (RRULE)", exact=True).is_visible()
    page.get_by_label("Week of the month", exact=True).select_option(label="second")
    page.get_by_label("Weekday", exact=True).select_option(label="Tuesday")
    page.get_by_label("Room", exact=True).fill("Government Center, Training Room A")
    page.get_by_label("Seats", exact=True).fill("30")
    # The script refreshes the preview as the form changes …
    page.locator("#preview-result li").first.wait_for()
    assert page.locator("#preview-result li").count() == 6
    assert "Tuesday" in page.locator("#preview-result li").first.inner_text()
    # … and the Preview button asks the server.
    page.get_by_role("button", name="Preview dates").click()
    assert page.locator("#preview-result li").count() == 6
    assert not SessionSeries.objects.exists()
    assert_accessible(page)
    page.get_by_role("button", name="Save series").click()
    assert page.get_by_text("The series is saved").is_visible()
    series = SessionSeries.objects.get()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU" and series.capacity == 30
    assert series.sessions.exists()
    assert_accessible(page)


def test_the_series_form_shows_errors_accessibly(page):
    facilitator(username="fran")
    CourseFactory(title="Implicit bias")
    login(page, "fran")
    page.goto("/facilitate/series/new/")
    page.get_by_label("Course", exact=True).select_option(label="Implicit bias")
    page.get_by_label("First date", exact=True).fill((timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Starts at", exact=True).fill("12:00")
    page.get_by_label("Ends at", exact=True).fill("11:00")
    page.get_by_label("Room", exact=True).fill("Room 1")
    page.get_by_label("Seats", exact=True).fill("0")
    page.get_by_role("button", name="Save series").click()
    assert page.get_by_role("alert").get_by_text("The end must be after the start.").is_visible()
    assert page.get_by_role("alert").get_by_text("A session needs at least one seat.").is_visible()
    assert not SessionSeries.objects.exists()
    assert_accessible(page)


def test_a_facilitator_shows_the_qr_code_and_an_employee_checks_in_with_the_typed_code(page):
    runner = facilitator(username="fran")
    now = timezone.now()
    session = SessionFactory(
        facilitators=[runner],
        course=CourseFactory(title="Language access"),
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
    )
    employee_user(user__username="rosa", user__first_name="Rosa", user__last_name="Chávez")
    login(page, "fran")
    page.goto(f"/facilitate/sessions/{session.pk}/roster/")
    assert page.get_by_text("Nobody has registered yet.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Open the check-in screen").click()
    assert page.locator("#checkin-qr svg").is_visible()
    code = page.locator("#checkin-code").inner_text().split()[-1]
    assert code in services.checkin_codes_accepted(session)
    assert page.get_by_text("A new code in").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "rosa")
    page.goto("/checkin/")
    assert_accessible(page)
    page.get_by_label("Check-in code", exact=True).fill(code.lower())
    page.get_by_role("button", name="Check in").click()
    assert page.get_by_role("heading", name="You are checked in").is_visible()
    assert_accessible(page)
    row = Registration.objects.get(session=session)
    assert row.state == State.ATTENDED and row.walk_in

    page.context.clear_cookies()
    login(page, "fran")
    page.goto(f"/facilitate/sessions/{session.pk}/roster/")
    assert page.get_by_role("cell", name="Attended").is_visible()
    assert_accessible(page)


def test_an_employee_signs_up_from_a_reading_circle_page(page, site_root):
    course = CourseFactory(title="Reading circle: The Sum of Us", format=Course.Format.READING_CIRCLE)
    runner = facilitator()
    series = services.series_create(
        created_by=runner,
        course=course,
        facilitators=[runner],
        start_date=timezone.localdate() + datetime.timedelta(days=2),
        start_time=datetime.time(12),
        end_time=datetime.time(13),
        rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=3",
        room="Main Library",
        capacity=10,
        required_attendances=2,
    )
    index = site_root.add_child(instance=ReadingCirclesIndexPage(title="Reading circles", slug="reading-circles"))
    circle = index.add_child(
        instance=ReadingCirclePage(
            title="The Sum of Us",
            slug="the-sum-of-us",
            book_title="The Sum of Us",
            book_author="Heather McGhee",
            description="<p>What racism costs everyone.</p>",
            series=series,
            discussion_guide=[
                {"type": "meeting", "value": {"title": "Meeting 1", "reading": "Chapters 1–3", "questions": "<p>Q</p>"}}
            ],
        )
    )
    rosa = employee_user(user__username="rosa")
    login(page, "rosa")
    page.goto(circle.url)
    assert page.get_by_text("Attend 2 of the 3 meetings.").is_visible()
    assert page.get_by_text("10 seats left").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign up for all meetings").click()
    assert page.get_by_text("You are booked for 3 meetings.").is_visible()
    assert page.get_by_text("You are signed up for this circle.").is_visible()
    assert page.get_by_text("9 seats left").first.is_visible()
    assert_accessible(page)
    assert Registration.objects.filter(user=rosa, state=State.BOOKED).count() == 3
    page.goto(index.url)
    assert_accessible(page)


def test_a_head_asks_for_a_training(page):
    planning = DepartmentFactory(name="Planning")
    head = UserFactory(username="dana")
    planning.heads.add(head)
    login(page, "dana")
    page.goto("/requests/")
    assert page.get_by_text("No requests yet.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask for a training").click()
    page.get_by_label("Topic", exact=True).fill("Language access at the counter")
    page.get_by_label("Expected number of people", exact=True).fill("15")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    assert page.get_by_text("Your request is sent.").is_visible()
    assert page.locator("#request-status").get_by_text("Submitted").is_visible()
    assert_accessible(page)
    assert TrainingRequest.objects.get().department == planning
