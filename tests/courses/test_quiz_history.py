"""What learners answered is never lost: an answered question or choice is hidden from new attempts,
not deleted, and past attempts keep showing what was picked."""

import pytest
from django.urls import reverse

from courses.catalogue import services
from courses.catalogue.models import Choice, Question
from tests.courses.factories import course_with_every_kind, enrolled, learner, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    course, modules = course_with_every_kind()
    quiz = modules["quiz"]
    user = learner()
    enrollment = enrolled(user, course)
    answers = wrong_answers(quiz)
    attempt = services.quiz_submit(
        enrollment=enrollment, quiz=quiz, answers={k.removeprefix("question-"): v for k, v in answers.items()}
    )
    question = quiz.questions.first()
    picked = Choice.objects.get(pk=int(answers[f"question-{question.pk}"][0]))
    return course, quiz, user, attempt, question, picked


def choices_post(question, delete_pk):
    choices = list(question.choices.filter(hidden=False))
    data = {
        "text": question.text,
        "explanation": "",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for index, choice in enumerate(choices):
        data[f"choices-{index}-id"] = str(choice.pk)
        data[f"choices-{index}-text"] = choice.text
        if choice.is_correct:
            data[f"choices-{index}-is_correct"] = "on"
        if choice.pk == delete_pk:
            data[f"choices-{index}-DELETE"] = "on"
    return data


def test_deleting_a_picked_choice_hides_it_and_the_attempt_still_shows_it(admin_client, client, answered):
    course, quiz, user, attempt, question, picked = answered
    # A third choice, so two remain after the picked one goes.
    Choice.objects.create(question=question, text="Another wrong answer", position=9)
    url = reverse("course_quizzes:edit_question", args=[quiz.pk, question.pk])
    response = admin_client.post(url, choices_post(question, picked.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    picked.refresh_from_db()
    assert picked.hidden

    client.force_login(user)
    new_attempt = client.get(f"/learn/{course.slug}/{quiz.pk}/").content.decode()
    assert f'value="{picked.pk}"' not in new_attempt
    review = client.get(f"/learn/{course.slug}/{quiz.pk}/attempts/{attempt.pk}/").content.decode()
    assert picked.text in review


def test_deleting_an_answered_question_hides_it(admin_client, client, answered):
    course, quiz, user, attempt, question, picked = answered
    admin_client.post(reverse("course_quizzes:delete_question", args=[quiz.pk, question.pk]))
    question.refresh_from_db()
    assert question.hidden and Question.objects.filter(pk=question.pk).exists()
    client.force_login(user)
    assert question.text not in client.get(f"/learn/{course.slug}/{quiz.pk}/").content.decode()
    assert question.text in client.get(f"/learn/{course.slug}/{quiz.pk}/attempts/{attempt.pk}/").content.decode()


def test_a_new_attempt_is_scored_on_the_visible_questions_only(answered):
    course, quiz, user, attempt, question, picked = answered
    question.hidden = True
    question.save()
    remaining = quiz.questions.get(hidden=False)
    right = [str(c.pk) for c in remaining.choices.all() if c.is_correct]
    enrollment = enrolled(user, course)
    second = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers={str(remaining.pk): right})
    assert second.score == 100


def test_a_question_of_an_unanswered_quiz_is_really_deleted(admin_client):
    course, modules = course_with_every_kind()
    question = modules["quiz"].questions.first()
    admin_client.post(reverse("course_quizzes:delete_question", args=[modules["quiz"].pk, question.pk]))
    assert not Question.objects.filter(pk=question.pk).exists()
