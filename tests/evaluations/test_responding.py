"""Invitation (on /learn/ and by e-mail), the form, a second response refused, no response without attending."""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.evaluations import services
from courses.evaluations.exceptions import AlreadyAnswered, NotEligible
from courses.evaluations.models import EvaluationForm, EvaluationReceipt, EvaluationResponse
from courses.scheduling.models import NotificationLog, Registration
from courses.scheduling.services import attendance_mark
from tests.certificates.factories import CourseCompletionFactory
from tests.scheduling.factories import employee_user, registration

from .factories import ANSWERS, attendee, past_session, respond

pytestmark = pytest.mark.django_db


def post_data(**overrides):
    data = {key: str(value) for key, value in ANSWERS.items()}
    data.update(overrides)
    return data


def test_attending_invites_on_learn_and_by_email(client, django_capture_on_commit_callbacks, mailoutbox):
    session = past_session()
    user = employee_user(preferred_language="es")
    booked = registration(session, user=user)
    facilitator = session.facilitators.get()
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(session=session, actor=facilitator, attended=[booked.pk])
    (message,) = mailoutbox
    assert message.to == [user.email]
    assert "anónima" in message.subject  # in the person's language
    assert f"http://testserver{reverse('evaluations:session', args=[session.pk])}" in message.body
    client.force_login(user)
    page = client.get(reverse("learn:dashboard")).content.decode()
    assert reverse("evaluations:session", args=[session.pk]) in page


def test_the_invitation_is_sent_once(django_capture_on_commit_callbacks, mailoutbox):
    from courses.evaluations.notifications import evaluation_invitation_send

    session = past_session()
    user = attendee(session)
    assert evaluation_invitation_send(user_id=user.pk, kind="session", object_id=session.pk)
    assert not evaluation_invitation_send(user_id=user.pk, kind="session", object_id=session.pk)
    assert len(mailoutbox) == 1
    assert NotificationLog.objects.filter(kind="evaluation_invitation").count() == 1


def test_no_invitation_to_someone_who_did_not_attend(mailoutbox):
    from courses.evaluations.notifications import evaluation_invitation_send

    session = past_session()
    user = employee_user()
    registration(session, user=user, state=Registration.State.NO_SHOW)
    assert not evaluation_invitation_send(user_id=user.pk, kind="session", object_id=session.pk)
    assert mailoutbox == []


def test_completing_a_course_invites_by_email(django_capture_on_commit_callbacks, mailoutbox):
    from courses.catalogue.signals import course_completed

    completion = CourseCompletionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(
            sender=type(completion),
            completion_id=completion.pk,
            user_id=completion.user_id,
            course_id=completion.course_id,
        )
    url = reverse("evaluations:course", args=[completion.course_id])
    (message,) = [m for m in mailoutbox if url in m.body]  # the certificate is e-mailed too
    assert message.to == [completion.user.email]


def test_the_form_explains_anonymity_and_thanks(client):
    session = past_session()
    user = attendee(session)
    client.force_login(user)
    url = reverse("evaluations:session", args=[session.pk])
    page = client.get(url).content.decode()
    assert "anonymous" in page and "Before" in page and "Now" in page
    response = client.post(url, post_data(comment="Very useful."))
    assert response.status_code == 302 and response["Location"] == reverse("evaluations:thanks")
    assert EvaluationResponse.objects.get().comment == "Very useful."
    assert EvaluationReceipt.objects.filter(user=user, session=session).exists()
    assert "Thank you" in client.get(reverse("evaluations:thanks")).content.decode()
    assert (
        reverse("evaluations:session", args=[session.pk]) not in client.get(reverse("learn:dashboard")).content.decode()
    )


def test_a_response_is_stored_with_the_date_only():
    session = past_session()
    respond(session)
    response = EvaluationResponse.objects.get()
    assert response.submitted_on == timezone.localdate()
    assert response.session == session and response.course == session.course


def test_a_second_response_is_refused_and_changes_nothing(client):
    session = past_session()
    user = respond(session)
    with pytest.raises(AlreadyAnswered):
        services.evaluation_submit(user=user, course=session.course, session=session, answers=ANSWERS)
    client.force_login(user)
    response = client.post(reverse("evaluations:session", args=[session.pk]), post_data())
    assert "already evaluated" in response.content.decode()
    assert EvaluationResponse.objects.count() == 1 and EvaluationReceipt.objects.count() == 1


def test_no_response_for_a_session_not_attended(client):
    session = past_session()
    user = employee_user()
    registration(session, user=user, state=Registration.State.BOOKED)
    with pytest.raises(NotEligible):
        services.evaluation_submit(user=user, course=session.course, session=session, answers=ANSWERS)
    client.force_login(user)
    response = client.post(reverse("evaluations:session", args=[session.pk]), post_data())
    assert response.status_code == 403
    assert "Only people who attended" in response.content.decode()
    assert not EvaluationResponse.objects.exists() and not EvaluationReceipt.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"relevance": "6"},
        {"recommend": "0"},
        {"facilitation": "abc"},
        {"skill_1_now": ""},
        {"comment": "x" * 1001},
        {"skill_2_before": "2.5"},
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, overrides):
    session = past_session()
    user = attendee(session)
    client.force_login(user)
    response = client.post(reverse("evaluations:session", args=[session.pk]), post_data(**overrides))
    assert response.status_code == 400
    assert "Your evaluation was not saved" in response.content.decode()
    assert not EvaluationResponse.objects.exists() and not EvaluationReceipt.objects.exists()


def test_a_course_evaluation_asks_the_course_skills_and_no_facilitation(client):
    completion = CourseCompletionFactory()
    EvaluationForm.objects.create(course=completion.course, skill_1="Plain-language letters", skill_2="Interpreters")
    client.force_login(completion.user)
    url = reverse("evaluations:course", args=[completion.course_id])
    page = client.get(url).content.decode()
    assert "Plain-language letters" in page and "Interpreters" in page and 'name="facilitation"' not in page
    data = post_data()
    for key in ("facilitation", "skill_3_before", "skill_3_now"):
        data.pop(key)
    assert client.post(url, data).status_code == 302
    response = EvaluationResponse.objects.get()
    assert response.session is None and response.facilitation is None and response.skill_3_now is None


def test_a_course_not_completed_cannot_be_evaluated(client):
    session = past_session()
    user = attendee(session)
    client.force_login(user)
    assert client.get(reverse("evaluations:course", args=[session.course_id])).status_code == 403


def test_unknown_session_is_a_404(client):
    client.force_login(employee_user())
    assert client.get(reverse("evaluations:session", args=[999999])).status_code == 404


def test_the_service_refuses_a_comment_over_the_limit_and_saves_nothing():
    from django.core.exceptions import ValidationError

    session = past_session()
    user = attendee(session)
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            user=user, course=session.course, session=session, answers={**ANSWERS, "comment": "x" * 1001}
        )
    assert not EvaluationResponse.objects.exists() and not EvaluationReceipt.objects.exists()


def test_the_error_summary_links_to_each_field(client):
    session = past_session()
    client.force_login(attendee(session))
    page = client.post(
        reverse("evaluations:session", args=[session.pk]), post_data(relevance="", comment="x" * 1001)
    ).content.decode()
    assert 'href="#id_relevance_0"' in page and 'id="id_relevance_0"' in page
    assert 'href="#id_comment"' in page and 'id="id_comment"' in page
