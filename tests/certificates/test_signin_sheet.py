"""The printable sign-in sheet of a session (issue 15, item 6): who may download it, what it lists."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates.signin_sheet import WALK_INS_MIN, walk_in_rows
from courses.scheduling.models import Registration
from tests.factories import DepartmentFactory, EmployeeFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State


def url(session):
    return reverse("certificates:signin_sheet", args=[session.pk])


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pages_of(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def running():
    person = facilitator()
    session = SessionFactory(facilitators=[person], title="Implicit bias basics", room="Library, room 2")
    return person, session


def test_the_sheet_lists_confirmed_people_with_their_department_and_the_session(client, running):
    person, session = running
    planning = DepartmentFactory(name="Planning")
    booked = EmployeeFactory(user__first_name="Ana", user__last_name="Booked", department=planning).user
    waiting = employee_user(user__first_name="Wes", user__last_name="Waiting")
    gone = employee_user(user__first_name="Cy", user__last_name="Cancelled")
    registration(session, booked)
    registration(session, waiting, state=State.WAITLISTED)
    registration(session, gone, state=State.CANCELLED)
    client.force_login(person)
    response = client.get(url(session))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = text_of(response.content)
    assert "Ana Booked" in text and "Planning" in text
    assert "Wes Waiting" not in text and "Cy Cancelled" not in text
    assert "Implicit bias basics" in text and "Library, room 2" in text and "Sign-in sheet" in text


def test_chinese_and_vietnamese_names_are_drawn_with_embedded_fonts(client, running):
    person, session = running
    registration(session, employee_user(user__first_name="Hương", user__last_name="Nguyễn Thị"))
    registration(session, employee_user(user__first_name="伟", user__last_name="王"))
    client.force_login(person)
    content = client.get(url(session)).content
    text = "".join(text_of(content).split())
    assert "HươngNguyễnThị" in text and "伟王" in text
    reader = PdfReader(io.BytesIO(content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert all("Helvetica" not in str(font.get_object()["/BaseFont"]) for font in fonts.values())


def test_date_and_time_follow_the_viewers_language(client, running):
    from django.utils import formats, timezone, translation

    person, session = running
    client.force_login(person)
    with translation.override("es"):
        day = formats.date_format(timezone.localtime(session.starts_at), "DATE_FORMAT")
    content = client.get(url(session), HTTP_ACCEPT_LANGUAGE="es").content
    assert "".join(day.split()) in "".join(text_of(content).split())


def test_a_big_session_runs_over_several_pages_with_blank_rows_after(client, running):
    person, session = running
    session.capacity = 80
    session.save()
    for number in range(60):
        registration(session, employee_user(user__first_name=f"Person{number:02d}", user__last_name="Big"))
    client.force_login(person)
    content = client.get(url(session)).content
    text = text_of(content)
    assert pages_of(content) >= 3
    assert all(f"Person{number:02d} Big" in text for number in range(60))
    assert "Page 1 of" in text


def test_people_are_listed_by_family_name(client, running):
    person, session = running
    for first, last in (("Zoe", "Adams"), ("Amy", "Zimmer"), ("Lee", "Moreno")):
        registration(session, employee_user(user__first_name=first, user__last_name=last))
    client.force_login(person)
    text = text_of(client.get(url(session)).content)
    assert text.index("Zoe Adams") < text.index("Lee Moreno") < text.index("Amy Zimmer")


def test_walk_in_rows_are_the_free_seats_within_bounds():
    assert walk_in_rows(capacity=25, registered=25) == WALK_INS_MIN
    assert walk_in_rows(capacity=25, registered=3) == 22
    assert walk_in_rows(capacity=500, registered=3) == 40


def test_a_training_admin_may_download_it(client, running):
    _person, session = running
    client.force_login(training_admin())
    assert client.get(url(session)).status_code == 200


def test_another_facilitator_is_refused(client, running):
    _person, session = running
    client.force_login(facilitator())
    assert client.get(url(session)).status_code == 403


def test_an_employee_is_refused_and_a_visitor_sent_to_log_in(client, running):
    _person, session = running
    client.force_login(employee_user())
    assert client.get(url(session)).status_code == 403
    client.logout()
    assert client.get(url(session)).status_code == 302


def test_an_unknown_session_is_a_404(client):
    client.force_login(training_admin())
    assert client.get(reverse("certificates:signin_sheet", args=[999999])).status_code == 404


def test_the_roster_links_to_the_sheet(client, running):
    person, session = running
    client.force_login(person)
    assert url(session) in client.get(reverse("scheduling:roster", args=[session.pk])).content.decode()
