"""Accommodation requests: asked for when registering (employees and guests), changed later by the
person, seen by the session's facilitators on the roster and in their reminder, by nobody else, and
deleted some days after the session."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.scheduling import notifications, services
from courses.scheduling.exceptions import NotAllowed
from courses.scheduling.models import Accommodation, Registration
from tests.factories import DepartmentFactory, EmployeeFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = pytest.mark.django_db
State = Registration.State
NEED = "Quiet seat near the door"


def posted(**fields):
    return {f"acc-{name}": value for name, value in fields.items()}


# Services ------------------------------------------------------------------------------------------


def test_registering_with_a_request_stores_it_with_the_registration():
    session = SessionFactory()
    row = services.registration_create(
        session=session,
        user=employee_user(),
        accommodation={"interpreter": True, "interpreter_language": " ASL ", "captioning": True},
        notify=False,
    )
    request = row.accommodation
    assert (request.interpreter, request.interpreter_language, request.captioning) == (True, "ASL", True)
    assert request.needs() == ["Interpreter: ASL", "Live captioning"]


def test_registering_without_a_request_stores_nothing():
    row = services.registration_create(session=SessionFactory(), user=employee_user(), accommodation={}, notify=False)
    assert not Accommodation.objects.filter(registration=row).exists()


def test_an_interpreter_without_a_language_is_refused_and_nothing_is_registered():
    session = SessionFactory()
    with pytest.raises(ValidationError):
        services.registration_create(
            session=session, user=employee_user(), accommodation={"interpreter": True}, notify=False
        )
    assert not session.registrations.exists()
    assert not Accommodation.objects.exists()


def test_the_person_changes_and_then_withdraws_their_request():
    user = employee_user()
    row = registration(SessionFactory(), user)
    services.accommodation_update(registration=row, actor=user, request={"wheelchair": True})
    assert Accommodation.objects.get(registration=row).wheelchair
    services.accommodation_update(registration=row, actor=user, request={"large_print": True})
    saved = Accommodation.objects.get(registration=row)
    assert (saved.wheelchair, saved.large_print) == (False, True)
    assert services.accommodation_update(registration=row, actor=user, request={}) is None
    assert not Accommodation.objects.filter(registration=row).exists()


def test_nobody_else_changes_a_persons_request():
    row = registration(SessionFactory())
    with pytest.raises(NotAllowed):
        services.accommodation_update(registration=row, actor=employee_user(), request={"wheelchair": True})
    with pytest.raises(NotAllowed):
        services.accommodation_update(registration=row, actor=None, request={"wheelchair": True})
    assert not Accommodation.objects.exists()


def test_other_text_longer_than_500_characters_is_refused():
    user = employee_user()
    row = registration(SessionFactory(), user)
    with pytest.raises(ValidationError):
        services.accommodation_update(registration=row, actor=user, request={"other": "x" * 501})
    assert not Accommodation.objects.exists()


def test_requests_are_deleted_thirty_days_after_the_session():
    now = timezone.now()
    old = SessionFactory(starts_at=now - datetime.timedelta(days=32), ends_at=now - datetime.timedelta(days=31))
    recent = SessionFactory(starts_at=now - datetime.timedelta(days=4), ends_at=now - datetime.timedelta(days=3))
    coming = SessionFactory()
    for session in (old, recent, coming):
        Accommodation.objects.create(registration=registration(session, state=State.ATTENDED), captioning=True)
    cancelled = registration(recent, state=State.CANCELLED)
    Accommodation.objects.create(registration=cancelled, captioning=True)

    assert services.accommodations_forget(now=now) == 2
    assert set(Accommodation.objects.values_list("registration__session", flat=True)) == {recent.pk, coming.pk}
    assert services.accommodations_forget(now=now) == 0


def test_the_daily_schedule_exists():
    from django_q.models import Schedule

    assert Schedule.objects.filter(func="courses.scheduling.tasks.forget_accommodations", schedule_type="D").exists()


# Pages ---------------------------------------------------------------------------------------------


def test_an_employee_registers_with_an_accommodation_from_the_session_page(client):
    session = SessionFactory()
    user = employee_user()
    client.force_login(user)
    page = client.get(reverse("scheduling:detail", args=[session.pk])).content.decode()
    assert "Do you need an accommodation? (optional)" in page
    assert "deleted 30 days after the session" in page
    response = client.post(reverse("scheduling:register", args=[session.pk]), posted(wheelchair="on", other=NEED))
    assert response.status_code == 302
    row = session.registrations.get(user=user)
    assert (row.accommodation.wheelchair, row.accommodation.other) == (True, NEED)
    page = client.get(reverse("scheduling:detail", args=[session.pk])).content.decode()
    assert "Your accommodation request" in page and NEED in page


def test_a_bad_request_on_registering_shows_the_error_and_registers_nobody(client):
    session = SessionFactory()
    client.force_login(employee_user())
    response = client.post(reverse("scheduling:register", args=[session.pk]), posted(interpreter="on"))
    assert response.status_code == 400
    assert "Say which language the interpreter should use." in response.content.decode()
    assert not session.registrations.exists()


def test_the_person_changes_their_request_on_the_session_page(client):
    session = SessionFactory()
    user = employee_user()
    row = registration(session, user)
    client.force_login(user)
    url = reverse("scheduling:accommodation", args=[session.pk])
    assert client.post(url, posted(interpreter="on", interpreter_language="Vietnamese")).status_code == 302
    assert Accommodation.objects.get(registration=row).interpreter_language == "Vietnamese"
    response = client.post(url, posted(other="x" * 501))
    assert response.status_code == 400
    assert Accommodation.objects.get(registration=row).interpreter_language == "Vietnamese"
    assert client.post(url, posted()).status_code == 302
    assert not Accommodation.objects.filter(registration=row).exists()


def test_a_guest_asks_for_captioning_and_changes_it_through_their_link(client):
    session = SessionFactory(is_public=True)
    client.post(
        reverse("scheduling:guest_register", args=[session.pk]),
        {"name": "Rosa Parks", "email": "rosa@example.org", **posted(captioning="on")},
    )
    row = session.registrations.get()
    assert row.accommodation.captioning
    link = reverse("scheduling:guest_confirm", args=[row.confirmation_token])
    assert "Live captioning" in client.get(link).content.decode()
    client.post(link, {"action": "accommodation", **posted(large_print="on")})
    row.accommodation.refresh_from_db()
    assert (row.accommodation.captioning, row.accommodation.large_print) == (False, True)


def test_the_sessions_facilitator_sees_requests_on_the_roster(client):
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    row = registration(session)
    Accommodation.objects.create(registration=row, interpreter=True, interpreter_language="ASL", other=NEED)
    client.force_login(runner)
    page = client.get(reverse("scheduling:roster", args=[session.pk])).content.decode()
    assert "Interpreter: ASL" in page and NEED in page
    assert "1 person asked for an accommodation." in page


def test_the_facilitator_reminder_lists_the_requests_the_day_before(mailoutbox):
    now = timezone.now()
    zone = timezone.get_default_timezone()
    noon = datetime.datetime.combine(now.astimezone(zone).date() + datetime.timedelta(days=1), datetime.time(12), zone)
    runner = facilitator(first_name="Ida", last_name="Wells")
    session = SessionFactory(facilitators=[runner], starts_at=noon, ends_at=noon + datetime.timedelta(hours=2))
    asked = registration(session, employee_user(user__first_name="Ana", user__last_name="Diaz"))
    Accommodation.objects.create(registration=asked, large_print=True, other=NEED)
    registration(session)

    assert notifications.reminders_send(now=now) == 3
    (message,) = [m for m in mailoutbox if m.to == [runner.email]]
    assert "Tomorrow you facilitate" in message.subject
    assert f"Ana Diaz: Large-print materials; Other: {NEED}" in message.body
    assert "2 people are booked." in message.body
    others = [m for m in mailoutbox if m.to != [runner.email]]
    assert others and all(NEED not in m.body for m in others)
    assert notifications.reminders_send(now=now) == 0


# Privacy: nobody else ------------------------------------------------------------------------------


@pytest.fixture
def requested():
    department = DepartmentFactory()
    head = EmployeeFactory(department=department).user
    department.heads.add(head)
    session = SessionFactory()
    row = registration(session, EmployeeFactory(department=department).user)
    Accommodation.objects.create(registration=row, wheelchair=True, other=NEED)
    return session, row, head


def test_a_training_admin_who_does_not_facilitate_sees_no_requests_on_the_roster(client, requested):
    session, _row, _head = requested
    client.force_login(training_admin())
    response = client.get(reverse("scheduling:roster", args=[session.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert NEED not in page and "Wheelchair access" not in page and "Accommodations" not in page


@pytest.mark.parametrize("who", ["head", "other employee", "training admin"])
def test_nobody_else_sees_a_request_on_the_session_page(client, requested, who):
    session, _row, head = requested
    client.force_login({"head": head, "other employee": employee_user(), "training admin": training_admin()}[who])
    page = client.get(reverse("scheduling:detail", args=[session.pk])).content.decode()
    assert NEED not in page
    assert 'class="accommodation-needs"' not in page


def test_a_head_is_refused_the_roster_and_their_pages_show_no_request(client, requested):
    session, _row, head = requested
    client.force_login(head)
    assert client.get(reverse("scheduling:roster", args=[session.pk])).status_code in (403, 404)
    for name in ("curricula:compliance", "learn:dashboard"):
        assert NEED not in client.get(reverse(name)).content.decode()


def test_the_calendar_files_and_registration_text_carry_no_request(client, requested):
    session, row, _head = requested
    client.force_login(row.user)
    assert NEED not in client.get(reverse("scheduling:ics", args=[session.pk])).content.decode()
    assert NEED not in str(row) and NEED not in str(row.accommodation)


def test_the_wagtail_admin_has_no_listing_of_registrations_or_requests():
    from wagtail.admin.viewsets import viewsets

    models = {getattr(viewset, "model", None) for viewset in viewsets.viewsets}
    assert Accommodation not in models and Registration not in models
