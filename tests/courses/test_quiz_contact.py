"""After the last failed attempt at a quiz the page names who to write to (TRAINING_CONTACT_EMAIL)."""

import pytest

from tests.courses.factories import enrolled, learner, wrong_answers
from tests.factories import CourseFactory, quiz_with_questions

pytestmark = pytest.mark.django_db
LINK = '<a href="mailto:equity.training@cabq.example">equity.training@cabq.example</a>'


@pytest.fixture(autouse=True)
def contact(settings):
    settings.TRAINING_CONTACT_EMAIL = "equity.training@cabq.example"


def test_the_last_failed_attempt_names_the_contact_on_the_feedback_and_the_quiz_page(client):
    quiz = quiz_with_questions(CourseFactory(slug="bias"), questions=2, pass_mark=100, attempt_limit=1)
    user = learner()
    enrolled(user, quiz.course)
    client.force_login(user)

    feedback = client.post(f"/learn/bias/{quiz.pk}/quiz/", wrong_answers(quiz), follow=True).content.decode()
    assert "You have no attempts left. To ask for another, write to the training office:" in feedback
    assert LINK in feedback

    page = client.get(f"/learn/bias/{quiz.pk}/").content.decode()
    assert "To ask for another, write to the training office:" in page
    assert LINK in page


def test_no_contact_while_attempts_remain(client):
    quiz = quiz_with_questions(CourseFactory(slug="bias"), questions=2, pass_mark=100, attempt_limit=2)
    user = learner()
    enrolled(user, quiz.course)
    client.force_login(user)
    feedback = client.post(f"/learn/bias/{quiz.pk}/quiz/", wrong_answers(quiz), follow=True).content.decode()
    assert "You have 1 attempt left." in feedback
    assert "mailto:" not in feedback
