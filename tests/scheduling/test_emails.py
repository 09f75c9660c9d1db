"""E-mails to registrants: invitations, updates, cancellations, promotion, reminders; idempotent and
in the recipient's language."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from courses.scheduling import notifications, services
from courses.scheduling.models import NotificationLog, Registration
from courses.scheduling.services import Notice
from tests.factories import EmployeeFactory, facilitator
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = pytest.mark.django_db
State = Registration.State


def calendar_of(message):
    body, mimetype = message.alternatives[0]
    return mimetype, icalendar.Calendar.from_ical(body)


def test_booking_sends_a_request_invitation(django_capture_on_commit_callbacks, mailoutbox):
    session = SessionFactory()
    user = employee_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=user)
    (message,) = mailoutbox
    assert message.to == [user.email]
    mimetype, calendar = calendar_of(message)
    assert mimetype.startswith("text/calendar; method=REQUEST")
    assert str(calendar["method"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == session.uid
    assert str(event["attendee"]) == f"mailto:{user.email}"
    assert str(event["organizer"]).startswith("mailto:")
    assert [name for name, _content, _type in message.attachments] == ["invite.ics"]


def test_sending_again_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        row = services.registration_create(session=session, user=employee_user())
    assert notifications.registration_email_send(registration_id=row.pk, kind=Notice.BOOKED) is False
    assert len(mailoutbox) == 1
    assert NotificationLog.objects.filter(registration=row).count() == 1


def test_a_failed_send_is_retried(monkeypatch, mailoutbox):
    from django.core.mail.message import EmailMessage

    session = SessionFactory()
    row = Registration.objects.create(session=session, user=employee_user())
    original = EmailMessage.send

    def broken(self, *args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(ConnectionError):
        notifications.registration_email_send(registration_id=row.pk, kind=Notice.BOOKED)
    assert not NotificationLog.objects.exists()
    monkeypatch.setattr(EmailMessage, "send", original)
    assert notifications.registration_email_send(registration_id=row.pk, kind=Notice.BOOKED) is True
    assert len(mailoutbox) == 1


def test_a_change_of_time_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    django_capture_on_commit_callbacks, mailoutbox
):
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=employee_user())
    _mimetype, first = calendar_of(mailoutbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(
            session=session,
            actor=runner,
            starts_at=session.starts_at + datetime.timedelta(hours=1),
            ends_at=session.ends_at + datetime.timedelta(hours=1),
        )
    assert len(mailoutbox) == 2
    _mimetype, update = calendar_of(mailoutbox[1])
    old, new = first.walk("VEVENT")[0], update.walk("VEVENT")[0]
    assert new["uid"] == old["uid"]
    assert int(new["sequence"]) > int(old["sequence"])
    assert new.start == session.starts_at + datetime.timedelta(hours=1)


def test_a_change_that_is_not_time_or_place_sends_no_update(django_capture_on_commit_callbacks, mailoutbox):
    runner = facilitator()
    session = SessionFactory(facilitators=[runner])
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=employee_user())
        services.session_update(session=session, actor=runner, capacity=40)
    assert len(mailoutbox) == 1


def test_cancelling_sends_a_cancel_and_the_promoted_person_an_invitation(
    django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory(capacity=1)
    first, second = employee_user(), employee_user()
    with django_capture_on_commit_callbacks(execute=True):
        booked = services.registration_create(session=session, user=first)
        services.registration_create(session=session, user=second)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=booked, actor=first)
    by_person = {message.to[0]: message for message in mailoutbox}
    _mimetype, cancel = calendar_of(by_person[first.email])
    assert str(cancel["method"]) == "CANCEL"
    assert str(cancel.walk("VEVENT")[0]["status"]) == "CANCELLED"
    promoted = by_person[second.email]
    assert "seat opened up" in promoted.subject
    _mimetype, invitation = calendar_of(promoted)
    assert str(invitation["method"]) == "REQUEST"


def test_waitlisted_people_get_a_notice_without_an_invitation(django_capture_on_commit_callbacks, mailoutbox):
    session = SessionFactory(capacity=0 + 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=employee_user())
        services.registration_create(session=session, user=employee_user())
    waitlisted = mailoutbox[1]
    assert "waitlist" in waitlisted.subject
    assert waitlisted.alternatives == []


def test_e_mails_are_in_the_recipients_language(django_capture_on_commit_callbacks, mailoutbox, settings):
    from django.utils import translation

    session = SessionFactory()
    user = EmployeeFactory(preferred_language="es").user
    seen = {}
    original = notifications.render_to_string

    def spy(*args, **kwargs):
        seen["language"] = translation.get_language()
        return original(*args, **kwargs)

    import courses.scheduling.notifications as module

    module.render_to_string = spy
    try:
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            services.registration_create(session=session, user=user)
    finally:
        module.render_to_string = original
    assert seen["language"] == "es"


def test_reminders_go_to_people_booked_for_tomorrow_once(mailoutbox):
    now = timezone.now()
    zone = timezone.get_default_timezone()
    tomorrow_noon = datetime.datetime.combine(
        now.astimezone(zone).date() + datetime.timedelta(days=1), datetime.time(12), tzinfo=zone
    )
    tomorrow = SessionFactory(starts_at=tomorrow_noon, ends_at=tomorrow_noon + datetime.timedelta(hours=1))
    later = SessionFactory(
        starts_at=tomorrow_noon + datetime.timedelta(days=1),
        ends_at=tomorrow_noon + datetime.timedelta(days=1, hours=1),
    )
    booked = Registration.objects.create(session=tomorrow, user=employee_user())
    Registration.objects.create(session=tomorrow, user=employee_user(), state=State.WAITLISTED)
    Registration.objects.create(session=later, user=employee_user())

    # The person booked, and the session's facilitator (their summary, see test_accommodations).
    assert notifications.reminders_send(now=now) == 2
    assert notifications.reminders_send(now=now) == 0
    person, runner = mailoutbox
    assert person.to == [booked.user.email]
    assert "Tomorrow" in person.subject
    assert runner.to == [tomorrow.facilitators.get().email]


def test_a_booking_confirmation_is_not_sent_after_the_registration_was_cancelled(mailoutbox):
    session = SessionFactory()
    row = Registration.objects.create(session=session, user=employee_user(), state=State.CANCELLED)
    assert notifications.registration_email_send(registration_id=row.pk, kind=Notice.BOOKED) is False
    assert mailoutbox == []


def test_people_who_were_only_waitlisted_get_no_calendar_cancellation(django_capture_on_commit_callbacks, mailoutbox):
    runner = facilitator()
    session = SessionFactory(capacity=1, facilitators=[runner])
    booked_user, waiting_user = employee_user(), employee_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=booked_user)
        services.registration_create(session=session, user=waiting_user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, actor=runner, reason="Facilitator ill")
    by_person = {message.to[0]: message for message in mailoutbox}
    assert str(calendar_of(by_person[booked_user.email])[1]["method"]) == "CANCEL"
    assert by_person[waiting_user.email].alternatives == []
    assert "Facilitator ill" in by_person[waiting_user.email].body
