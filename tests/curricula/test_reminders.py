"""Reminders and escalation: each kind of notice, sent once however often the job runs, in the
recipient's language; a head's digest lists only the overdue people of their own subtree."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from courses.curricula import reminders
from courses.curricula.models import Assignment, ReminderLog
from courses.curricula.services import assignment_extend, assignments_reconcile
from tests.curricula.factories import CurriculumFactory
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def today():
    return timezone.localdate()


def assigned(person, curriculum, **fields):
    assignments_reconcile(curriculum_id=curriculum.pk)
    assignment = Assignment.objects.get(user=person.user, curriculum=curriculum)
    if fields:
        Assignment.objects.filter(pk=assignment.pk).update(**fields)
        assignment.refresh_from_db()
    return assignment


def test_reminders_before_the_due_date_on_each_configured_day_once(today):
    person = EmployeeFactory(user__email="amara@city.example")
    curriculum = CurriculumFactory(name="Anti-Racism Foundations", reminder_days_before_due="14,3")
    assignment = assigned(person, curriculum, due_on=today + datetime.timedelta(days=20))

    assert reminders.reminders_send(today=today)["before_due"] == 0  # 20 days left: not yet
    assert reminders.reminders_send(today=today + datetime.timedelta(days=6))["before_due"] == 1  # 14 left
    assert reminders.reminders_send(today=today + datetime.timedelta(days=7))["before_due"] == 0  # 13 left
    assert reminders.reminders_send(today=today + datetime.timedelta(days=17))["before_due"] == 1  # 3 left
    assert reminders.reminders_send(today=today + datetime.timedelta(days=19))["before_due"] == 0
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == ["amara@city.example"]
    assert "Anti-Racism Foundations" in mail.outbox[0].subject
    assert "in 14 days" in mail.outbox[0].body and "in 3 days" in mail.outbox[1].body
    keys = sorted(ReminderLog.objects.filter(assignment=assignment).values_list("cycle_key", flat=True))
    due = assignment.due_on.isoformat()
    assert keys == [f"{due}:14", f"{due}:3"]


def test_an_extension_brings_new_reminders_for_the_new_due_date(today):
    person = EmployeeFactory(user__email="amara@city.example")
    curriculum = CurriculumFactory(reminder_days_before_due="3")
    assignment = assigned(person, curriculum, due_on=today + datetime.timedelta(days=2))
    reminders.reminders_send(today=today)
    assignment_extend(
        assignment=assignment, by=training_admin(), due_on=today + datetime.timedelta(days=3), reason="Leave"
    )
    reminders.reminders_send(today=today)
    assert len(mail.outbox) == 2


def test_the_overdue_notice_is_sent_once_however_often_the_job_runs(today):
    person = EmployeeFactory(user__email="late@city.example")
    curriculum = CurriculumFactory(name="Language Access")
    assigned(person, curriculum, due_on=today - datetime.timedelta(days=1), state=Assignment.State.OVERDUE)
    first = reminders.reminders_send(today=today)
    second = reminders.reminders_send(today=today)
    third = reminders.reminders_send(today=today + datetime.timedelta(days=1))
    assert (first["overdue"], second["overdue"], third["overdue"]) == (1, 0, 0)
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Overdue: Language Access"
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_no_overdue_notice_when_the_curriculum_turns_it_off_or_the_person_is_exempt(today):
    quiet = CurriculumFactory(overdue_notice=False)
    loud = CurriculumFactory()
    person, exempt = EmployeeFactory(user__email="a@city.example"), EmployeeFactory(user__email="b@city.example")
    assigned(person, quiet, state=Assignment.State.OVERDUE)
    assigned(exempt, loud, state=Assignment.State.OVERDUE, exempt=True)
    Assignment.objects.filter(user=person.user, curriculum=loud).update(state=Assignment.State.ASSIGNED)
    assert reminders.reminders_send(today=today)["overdue"] == 0
    assert mail.outbox == []


def test_the_window_open_notice_is_sent_once_per_expiry(today):
    person = EmployeeFactory(user__email="renew@city.example")
    curriculum = CurriculumFactory(recert_period_months=24, recert_window_days=60)
    expires = today + datetime.timedelta(days=30)
    assignment = assigned(
        person,
        curriculum,
        state=Assignment.State.WINDOW_OPEN,
        completed_at=timezone.now() - datetime.timedelta(days=700),
        expires_on=expires,
        window_opens_on=expires - datetime.timedelta(days=60),
    )
    assert reminders.reminders_send(today=today)["window_open"] == 1
    assert reminders.reminders_send(today=today)["window_open"] == 0
    assert "Time to renew" in mail.outbox[0].subject
    # Renewed, and two years later the window opens again: a new notice.
    later = expires + datetime.timedelta(days=730)
    Assignment.objects.filter(pk=assignment.pk).update(expires_on=later)
    assert reminders.reminders_send(today=today)["window_open"] == 1


def test_a_failed_send_is_retried_on_the_next_run(today, monkeypatch):
    person = EmployeeFactory(user__email="late@city.example")
    assigned(person, CurriculumFactory(), state=Assignment.State.OVERDUE)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    assert reminders.reminders_send(today=today)["overdue"] == 0
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    assert reminders.reminders_send(today=today)["overdue"] == 1
    assert len(mail.outbox) == 1


def test_notices_are_in_the_recipients_language(today):
    person = EmployeeFactory(user__email="ana@city.example", preferred_language="es")
    assigned(person, CurriculumFactory(), state=Assignment.State.OVERDUE, due_on=datetime.date(2026, 3, 5))
    reminders.reminders_send(today=today)
    message = mail.outbox[0]
    assert "5 de marzo de 2026" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="es" dir="ltr">' in html
    assert translation.get_language() == "en"


def test_the_head_digest_lists_only_overdue_people_of_their_own_subtree(today):
    parks = DepartmentFactory(name="Parks")
    trails = DepartmentFactory(name="Trails", parent=parks)
    police = DepartmentFactory(name="Police")
    head = UserFactory(email="head@city.example", first_name="Hana", last_name="Head")
    parks.heads.add(head)
    police.heads.add(UserFactory(email="chief@city.example"))
    late_trails = EmployeeFactory(department=trails, user__first_name="Tomas", user__last_name="Trailside")
    late_parks = EmployeeFactory(department=parks, user__first_name="Pia", user__last_name="Parker")
    EmployeeFactory(department=parks, user__first_name="Olu", user__last_name="Ontime")
    late_police = EmployeeFactory(department=police, user__first_name="Pat", user__last_name="Precinct")
    exempt = EmployeeFactory(department=parks, user__first_name="Eve", user__last_name="Exempt")
    curriculum = CurriculumFactory(name="Anti-Racism Foundations")
    assignments_reconcile(curriculum_id=curriculum.pk)
    Assignment.objects.filter(user__in=[late_trails.user, late_parks.user, late_police.user, exempt.user]).update(
        state=Assignment.State.OVERDUE
    )
    Assignment.objects.filter(user=exempt.user).update(exempt=True)

    assert reminders.head_digests_send(today=today) == 2
    to_head = next(m for m in mail.outbox if m.to == ["head@city.example"])
    to_chief = next(m for m in mail.outbox if m.to == ["chief@city.example"])
    for text in (to_head.body, to_head.alternatives[0][0]):
        assert "Tomas Trailside" in text and "Pia Parker" in text
        assert "Pat Precinct" not in text and "Olu Ontime" not in text and "Eve Exempt" not in text
    assert "Pat Precinct" in to_chief.body and "Tomas Trailside" not in to_chief.body
    assert to_head.subject == "2 people overdue on required training in your departments"


def test_the_head_digest_is_sent_once_per_period(today):
    parks = DepartmentFactory()
    head = UserFactory(email="head@city.example")
    parks.heads.add(head)
    late = EmployeeFactory(department=parks)
    curriculum = CurriculumFactory(head_digest_every_days=7)
    assigned(late, curriculum, state=Assignment.State.OVERDUE)
    start = datetime.date.fromordinal((today.toordinal() // 7) * 7)  # first day of this period
    assert reminders.head_digests_send(today=start) == 1
    assert reminders.head_digests_send(today=start + datetime.timedelta(days=6)) == 0
    assert reminders.head_digests_send(today=start + datetime.timedelta(days=7)) == 1
    assert len(mail.outbox) == 2


def test_no_digest_when_nobody_is_overdue_or_the_curriculum_sends_none(today):
    parks = DepartmentFactory()
    parks.heads.add(UserFactory(email="head@city.example"))
    late = EmployeeFactory(department=parks)
    assigned(late, CurriculumFactory(head_digest_every_days=None), state=Assignment.State.OVERDUE)
    assert reminders.head_digests_send(today=today) == 0
    assert mail.outbox == []


def test_the_tasks_run_the_reminders_and_digests(today):
    from courses.curricula import tasks

    parks = DepartmentFactory()
    parks.heads.add(UserFactory(email="head@city.example"))
    late = EmployeeFactory(department=parks, user__email="late@city.example")
    assigned(late, CurriculumFactory(), state=Assignment.State.OVERDUE)
    assert tasks.reminders_daily()["overdue"] == 1
    assert tasks.head_digests_weekly() == 1
    assert tasks.reminders_daily()["overdue"] == 0
