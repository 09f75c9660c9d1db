"""A learner with no attempts left asks; a training admin grants one more in the admin (with a reason,
kept as the audit) and the learner passes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses.catalogue import services
from courses.catalogue.exceptions import AttemptLimitReached
from courses.catalogue.models import AttemptGrant
from tests.courses.factories import enrolled, learner, right_answers, wrong_answers
from tests.factories import CourseFactory, facilitator, quiz_with_questions, training_admin

pytestmark = pytest.mark.django_db


def answers(post):
    return {key.removeprefix("question-"): value for key, value in post.items()}


@pytest.fixture
def locked_out():
    quiz = quiz_with_questions(CourseFactory(slug="bias", title="Bias"), questions=2, pass_mark=100, attempt_limit=1)
    user = learner(user__first_name="Ana", user__last_name="Ruiz")
    enrollment = enrolled(user, quiz.course)
    services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers(wrong_answers(quiz)))
    with pytest.raises(AttemptLimitReached):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers(right_answers(quiz)))
    return enrollment, quiz


def test_a_locked_out_learner_gets_an_extra_attempt_from_an_admin_and_passes(client, locked_out):
    enrollment, quiz = locked_out
    admin = training_admin(first_name="Tara", last_name="Admin")
    client.force_login(admin)
    page = client.get(f"/admin/courses/{quiz.course.pk}/participants/").content.decode()
    assert "Ana Ruiz" in page and "1 used, 0 left" in page and "Grant one more attempt" in page

    response = client.post(
        f"/admin/courses/{quiz.course.pk}/participants/",
        {"enrollment": enrollment.pk, "quiz": quiz.pk, "reason": "Her screen reader froze during the quiz."},
        follow=True,
    )
    assert "Ana Ruiz has one more attempt at" in response.content.decode()

    grant = AttemptGrant.objects.get()
    assert (grant.granted_by, grant.enrollment, grant.extra_attempts) == (admin, enrollment, 1)
    audit = client.get(f"/admin/courses/{quiz.course.pk}/participants/").content.decode()
    assert "Tara Admin" in audit and "Her screen reader froze during the quiz." in audit

    client.force_login(enrollment.user)
    result = client.post(f"/learn/bias/{quiz.pk}/quiz/", right_answers(quiz), follow=True).content.decode()
    assert "You scored 100%." in result
    assert quiz.attempts.filter(enrollment=enrollment, passed=True).exists()


def test_a_grant_needs_a_reason(locked_out):
    enrollment, quiz = locked_out
    with pytest.raises(ValidationError):
        services.quiz_attempts_grant(enrollment=enrollment, quiz=quiz, granted_by=training_admin(), reason="  ")
    assert not AttemptGrant.objects.exists()


def test_only_training_admins_grant_or_see_participants(client, locked_out):
    enrollment, quiz = locked_out
    with pytest.raises(PermissionDenied):
        services.quiz_attempts_grant(enrollment=enrollment, quiz=quiz, granted_by=facilitator(), reason="Please")
    client.force_login(enrollment.user)
    assert client.get(f"/admin/courses/{quiz.course.pk}/participants/").status_code in (302, 403)
    post = client.post(
        f"/admin/courses/{quiz.course.pk}/participants/",
        {"enrollment": enrollment.pk, "quiz": quiz.pk, "reason": "Me"},
    )
    assert post.status_code in (302, 403)
    assert not AttemptGrant.objects.exists()


def test_a_quiz_of_another_course_cannot_be_granted(locked_out):
    enrollment, _quiz = locked_out
    other = quiz_with_questions(CourseFactory(), questions=1, attempt_limit=1)
    with pytest.raises(ValidationError):
        services.quiz_attempts_grant(enrollment=enrollment, quiz=other, granted_by=training_admin(), reason="Why")
