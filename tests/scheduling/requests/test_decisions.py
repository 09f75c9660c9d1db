"""Targeted training requests: who may ask and decide, the state machine and audit, scheduling a
session restricted to the department, e-mails once each in the recipient's language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.scheduling.models import Session
from courses.scheduling.requests import services, tasks
from courses.scheduling.requests.exceptions import IllegalTransition, NotAllowed, RequestError
from courses.scheduling.requests.models import TrainingRequest
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, UserFactory, facilitator, training_admin
from tests.scheduling.factories import employee_user

pytestmark = pytest.mark.django_db
Status = TrainingRequest.Status


@pytest.fixture
def city():
    planning = DepartmentFactory(name="Planning")
    zoning = DepartmentFactory(name="Zoning", parent=planning)
    parks = DepartmentFactory(name="Parks")
    head = UserFactory(first_name="Dana", last_name="Head")
    planning.heads.add(head)
    return {"planning": planning, "zoning": zoning, "parks": parks, "head": head}


def submitted(city, **kwargs):
    values = {"topic": "Language access at the front desk", "audience_size": 20, "preferred_months": ["2027-02"]}
    values.update(kwargs)
    return services.request_create(requester=city["head"], department=city["planning"], **values)


def approve_data(runner, **overrides):
    day = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "course": CourseFactory().pk,
        "title": "",
        "date": day.isoformat(),
        "start_time": "09:00",
        "end_time": "11:00",
        "time_zone": "America/Denver",
        "facilitators": [runner.pk],
        "room": "Planning conference room",
        "video_link": "",
        "language": "en",
        "capacity": "20",
        "registration_cutoff_hours": "2",
        "note": "",
    }
    data.update(overrides)
    return data


# --- who may use the pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("make_user", [employee_user, facilitator])
def test_people_who_are_not_heads_or_admins_are_refused(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("training_requests:list")).status_code == 403
    assert client.get(reverse("training_requests:new")).status_code == 403


def test_a_head_asks_for_a_training_and_sees_it_submitted(client, city):
    client.force_login(city["head"])
    response = client.post(
        reverse("training_requests:new"),
        {
            "department": city["zoning"].pk,
            "topic": "Implicit bias in permit reviews",
            "audience_size": "12",
            "preferred_months": [],
            "language": "es",
            "notes": "Two shifts",
        },
        follow=True,
    )
    item = TrainingRequest.objects.get()
    assert item.department == city["zoning"] and item.status == Status.SUBMITTED and item.language == "es"
    assert "Submitted" in response.content.decode()
    assert list(client.get(reverse("training_requests:list")).context["page"]) == [item]


def test_a_head_cannot_ask_for_a_department_outside_their_subtree(city):
    with pytest.raises(NotAllowed):
        services.request_create(requester=city["head"], department=city["parks"], topic="x", audience_size=3)
    assert not TrainingRequest.objects.exists()


def test_the_form_offers_only_the_heads_departments(client, city):
    client.force_login(city["head"])
    form = client.get(reverse("training_requests:new")).context["form"]
    assert set(form.fields["department"].queryset) == {city["planning"], city["zoning"]}
    response = client.post(
        reverse("training_requests:new"), {"department": city["parks"].pk, "topic": "x", "audience_size": "3"}
    )
    assert response.status_code == 400 and not TrainingRequest.objects.exists()


def test_a_request_needs_a_topic_or_a_course(client, city):
    client.force_login(city["head"])
    response = client.post(
        reverse("training_requests:new"), {"department": city["planning"].pk, "topic": "", "audience_size": "3"}
    )
    assert response.status_code == 400
    assert "Give a topic or choose a course." in response.content.decode()


def test_a_head_does_not_see_other_departments_requests(client, city):
    other_head = UserFactory()
    city["parks"].heads.add(other_head)
    theirs = services.request_create(requester=other_head, department=city["parks"], topic="ADA", audience_size=5)
    client.force_login(city["head"])
    assert client.get(reverse("training_requests:detail", args=[theirs.pk])).status_code == 404
    assert list(client.get(reverse("training_requests:list")).context["page"]) == []


def test_a_training_admin_sees_every_request(client, city):
    item = submitted(city)
    client.force_login(training_admin())
    assert list(client.get(reverse("training_requests:list")).context["page"]) == [item]


def test_a_head_cannot_approve_or_decline(client, city):
    item = submitted(city)
    client.force_login(city["head"])
    assert client.get(reverse("training_requests:approve", args=[item.pk])).status_code == 403
    assert client.post(reverse("training_requests:decline", args=[item.pk]), {"reason": "no"}).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


# --- decisions ------------------------------------------------------------------------------------------


def test_approving_schedules_a_session_restricted_to_the_department(
    client, city, django_capture_on_commit_callbacks, mailoutbox
):
    item = submitted(city)
    runner = facilitator()
    EmployeeFactory(department=city["zoning"], preferred_language="es", user__email="ana@city.example")
    EmployeeFactory(department=city["parks"], user__email="outside@city.example")
    admin = training_admin()
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training_requests:approve", args=[item.pk]), approve_data(runner))
    assert response.status_code == 302
    item.refresh_from_db()
    session = Session.objects.get()
    assert item.status == Status.SCHEDULED and item.session == session and item.decided_by == admin
    assert list(session.restricted_departments.all()) == [city["planning"]]
    assert not session.is_public
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert "ana@city.example" in recipients and "outside@city.example" not in recipients
    assert city["head"].email in recipients
    spanish = next(m for m in mailoutbox if m.to == ["ana@city.example"])
    # Written in the employee's language: Django's own Spanish day names.
    spanish_days = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
    assert any(day in spanish.body.lower() for day in spanish_days), spanish.body
    assert [event.to_status for event in item.events.all()] == [Status.SUBMITTED, Status.SCHEDULED]


def test_the_department_announcement_is_sent_once(city, django_capture_on_commit_callbacks, mailoutbox):
    item = submitted(city)
    EmployeeFactory(department=city["planning"], user__email="one@city.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(
            request=item,
            actor=training_admin(),
            course=CourseFactory(),
            facilitators=[facilitator()],
            starts_at=timezone.now() + datetime.timedelta(days=9),
            ends_at=timezone.now() + datetime.timedelta(days=9, hours=2),
            room="Room",
        )
    sent = len(mailoutbox)
    assert tasks.announce_session(item.pk) == 0
    assert tasks.send_decision_email(item.pk, Status.SCHEDULED) is False
    assert len(mailoutbox) == sent


def test_a_double_booked_facilitator_leaves_the_request_submitted(client, city):
    from tests.scheduling.factories import SessionFactory

    item = submitted(city)
    runner = facilitator()
    data = approve_data(runner)
    import zoneinfo

    zone = zoneinfo.ZoneInfo("America/Denver")
    start = datetime.datetime.fromisoformat(f"{data['date']}T09:30").replace(tzinfo=zone)
    SessionFactory(facilitators=[runner], starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    client.force_login(training_admin())
    response = client.post(reverse("training_requests:approve", args=[item.pk]), data)
    assert response.status_code == 400
    assert "already runs" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED and item.session is None
    assert Session.objects.count() == 1


def test_declining_needs_a_reason_and_tells_the_requester(client, city, django_capture_on_commit_callbacks, mailoutbox):
    item = submitted(city)
    client.force_login(training_admin())
    client.post(reverse("training_requests:decline", args=[item.pk]), {"reason": ""})
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training_requests:decline", args=[item.pk]), {"reason": "Please join the monthly one."})
    item.refresh_from_db()
    assert item.status == Status.DECLINED and item.decision_reason == "Please join the monthly one."
    (message,) = mailoutbox
    assert message.to == [city["head"].email] and "Please join the monthly one." in message.body
    event = item.events.last()
    assert event.to_status == Status.DECLINED and event.from_status == Status.SUBMITTED and event.reason


def test_the_requester_withdraws_a_submitted_request(client, city):
    item = submitted(city)
    client.force_login(city["head"])
    client.post(reverse("training_requests:withdraw", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == Status.WITHDRAWN
    assert item.events.last().actor == city["head"]


def test_someone_else_cannot_withdraw_a_request(city):
    item = submitted(city)
    with pytest.raises(NotAllowed):
        services.request_withdraw(request=item, actor=training_admin())


def test_a_decided_request_cannot_change_again(city):
    item = submitted(city)
    services.request_decline(request=item, actor=training_admin(), reason="No trainer free")
    with pytest.raises(IllegalTransition):
        services.request_withdraw(request=item, actor=city["head"])
    with pytest.raises(IllegalTransition):
        services.request_decline(request=item, actor=training_admin(), reason="again")


def test_preferred_months_must_be_months(city):
    with pytest.raises(RequestError):
        submitted(city, preferred_months=["February"])
    assert not TrainingRequest.objects.exists()


def test_the_wagtail_admin_menu_links_training_admins_to_the_requests(client):
    admin = training_admin(is_staff=True)
    from django.contrib.auth.models import Permission

    admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin)
    assert reverse("training_requests:list").encode() in client.get("/admin/").content


def test_training_admins_are_told_of_a_new_request_once(city, django_capture_on_commit_callbacks, mailoutbox):
    admin = training_admin(email="amara@city.example")
    with django_capture_on_commit_callbacks(execute=True):
        item = submitted(city)
    assert [message.to for message in mailoutbox] == [[admin.email]]
    assert "Planning" in mailoutbox[0].subject and "Language access" in mailoutbox[0].subject
    assert tasks.tell_training_admins(item.pk) == 0
    assert len(mailoutbox) == 1


def test_the_requester_sees_the_scheduled_session_and_its_seats(client, city):
    item = submitted(city)
    services.request_approve(
        request=item,
        actor=training_admin(),
        course=CourseFactory(),
        facilitators=[facilitator()],
        starts_at=timezone.now() + datetime.timedelta(days=9),
        ends_at=timezone.now() + datetime.timedelta(days=9, hours=2),
        room="Room",
        capacity=20,
    )
    client.force_login(city["head"])
    text = client.get(reverse("training_requests:detail", args=[item.pk])).content.decode()
    assert "Approved and scheduled" in text and "20 seats left" in text
