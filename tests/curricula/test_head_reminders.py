"""A head reminds the overdue people of a row of /compliance/: their own subtree only, audited in the
send log, at most once a day per person."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from courses.curricula import services
from courses.curricula.models import Assignment, ReminderLog
from tests.curricula.factories import CurriculumFactory, city_with_compliance
from tests.factories import CourseFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return city_with_compliance()


def remind(client, department, **data):
    return client.post(f"/compliance/department/{department.pk}/remind/", data)


def test_a_head_reminds_only_the_overdue_people_of_the_row(client, city):
    client.force_login(city["head"])
    response = remind(client, city["parks"], next="/compliance/?curriculum=")
    assert response.status_code == 302 and response["Location"] == "/compliance/?curriculum="
    assert [message.to for message in mail.outbox] == [[city["people"]["ben"].user.email]]
    assert "Anti-Racism Foundations" in mail.outbox[0].body
    log = ReminderLog.objects.get(kind=ReminderLog.Kind.HEAD_REMINDER)
    assert log.sent_by == city["head"] and log.recipient == city["people"]["ben"].user


def test_a_person_gets_at_most_one_reminder_a_day(client, city):
    client.force_login(city["head"])
    remind(client, city["parks"])
    remind(client, city["parks"])
    client.force_login(training_admin())
    remind(client, city["root"])
    assert len(mail.outbox) == 1  # Ben once, though asked three times; Dee (Police) is certified
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        client.force_login(city["head"])
        response = remind(client, city["parks"])
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_a_second_overdue_curriculum_is_listed_in_the_same_email(client, city):
    other = CurriculumFactory(name="Language Access", courses=[CourseFactory()])
    services.assignments_reconcile(curriculum_id=other.pk)
    Assignment.objects.filter(curriculum=other).update(due_on=timezone.localdate() - datetime.timedelta(days=2))
    services.assignments_advance_by_date()
    client.force_login(city["head"])
    remind(client, city["trails"])
    remind(client, city["parks"])
    bodies = {message.to[0]: message.body for message in mail.outbox}
    ana, ben, cai = (city["people"][name].user.email for name in ("ana", "ben", "cai"))
    assert len(mail.outbox) == 3 and set(bodies) == {ana, ben, cai}  # Cai once, from the Trails row
    assert "Language Access" in bodies[ben] and "Anti-Racism Foundations" in bodies[ben]
    assert "Anti-Racism Foundations" not in bodies[ana]  # certified there


def test_already_reminded_people_are_named_in_a_message(client, city):
    client.force_login(city["head"])
    remind(client, city["parks"])
    response = remind(client, city["parks"], next="/compliance/")
    page = client.get(response["Location"])
    assert "already reminded today" in page.content.decode()


def test_a_head_cannot_remind_people_outside_their_subtree(client, city):
    Assignment.objects.filter(user=city["people"]["dee"].user).update(state=Assignment.State.OVERDUE)
    client.force_login(city["head"])
    assert remind(client, city["police"]).status_code == 404
    assert remind(client, city["root"]).status_code == 404
    assert mail.outbox == []


def test_an_employee_cannot_send_reminders_and_get_is_refused(client, city):
    client.force_login(city["people"]["ana"].user)
    assert remind(client, city["parks"]).status_code == 403
    client.force_login(city["head"])
    assert client.get(f"/compliance/department/{city['parks'].pk}/remind/").status_code == 405
    assert remind(client, city["parks"], curriculum="nonsense").status_code == 400
    assert mail.outbox == []


def test_an_offsite_next_address_is_ignored(client, city):
    client.force_login(city["head"])
    response = remind(client, city["parks"], next="https://evil.example/")
    assert response["Location"] == "/compliance/"
