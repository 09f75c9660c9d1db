import datetime

import pytest
from django.utils import timezone

from courses.catalogue import services
from courses.catalogue.exceptions import AttemptLimitReached, InvalidAnswer, NotEnrolled
from courses.catalogue.models import ModuleProgress, QuizAttempt, QuizModule
from tests.courses.factories import enrolled, learner, multi_answer_quiz, right_answers, wrong_answers
from tests.factories import CourseFactory, quiz_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return quiz_with_questions(CourseFactory(slug="bias"), questions=2, pass_mark=100, attempt_limit=0)


@pytest.fixture
def enrollment(quiz):
    return enrolled(learner(), quiz.course)


def as_service_answers(post):
    return {key.removeprefix("question-"): value for key, value in post.items()}


def url(quiz, suffix=""):
    return f"/learn/{quiz.course.slug}/{quiz.pk}/{suffix}"


def done(enrollment, quiz):
    return ModuleProgress.objects.filter(enrollment=enrollment, module=quiz, completed_at__isnull=False).exists()


# The service ------------------------------------------------------------------------------------------------------


def test_all_right_scores_100_passes_and_completes_the_module(enrollment, quiz):
    attempt = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(right_answers(quiz)))
    assert attempt.score == 100
    assert attempt.passed
    assert done(enrollment, quiz)


def test_score_is_the_percent_of_questions_answered_exactly_right(enrollment, quiz):
    first, second = quiz.questions.all()
    answers = {**as_service_answers(right_answers(quiz)), **as_service_answers(wrong_answers(quiz))}
    answers[str(first.id)] = [c.id for c in first.choices.all() if c.is_correct]
    attempt = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert attempt.score == 50
    assert not attempt.passed
    assert not done(enrollment, quiz)


def test_failing_a_graded_quiz_does_not_complete_the_module(enrollment, quiz):
    services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(wrong_answers(quiz)))
    assert not done(enrollment, quiz)


def test_a_pre_test_completes_the_module_even_when_every_answer_is_wrong(enrollment, quiz):
    quiz.quiz_kind = QuizModule.Kind.PRE_TEST
    quiz.save()
    attempt = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(wrong_answers(quiz)))
    assert attempt.score == 0
    assert QuizAttempt.objects.count() == 1
    assert done(enrollment, quiz)


def test_multi_answer_question_is_right_only_with_every_right_choice():
    quiz = multi_answer_quiz(CourseFactory(), pass_mark=100)
    enrollment = enrolled(learner(), quiz.course)
    question = quiz.questions.get()
    right = [c.id for c in question.choices.all() if c.is_correct]
    partial = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers={question.id: right[:1]})
    assert partial.score == 0
    full = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers={question.id: right})
    assert full.score == 100


def test_a_choice_of_another_question_is_refused_and_nothing_recorded(enrollment, quiz):
    first, second = quiz.questions.all()
    answers = as_service_answers(right_answers(quiz))
    answers[str(first.id)] = [second.choices.filter(is_correct=True).get().id]
    with pytest.raises(InvalidAnswer) as error:
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert first.id in error.value.errors
    assert not QuizAttempt.objects.exists()
    assert not done(enrollment, quiz)


def test_a_choice_of_another_quiz_is_refused(enrollment, quiz):
    other = quiz_with_questions(quiz.course, questions=1)
    foreign = other.questions.get().choices.filter(is_correct=True).get()
    answers = as_service_answers(right_answers(quiz))
    answers[str(quiz.questions.first().id)] = [foreign.id]
    with pytest.raises(InvalidAnswer):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("forged", ["999999", "abc", "-1", "1.5"])
def test_a_forged_choice_id_is_refused(enrollment, quiz, forged):
    answers = as_service_answers(right_answers(quiz))
    answers[str(quiz.questions.first().id)] = [forged]
    with pytest.raises(InvalidAnswer):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert not QuizAttempt.objects.exists()


def test_a_question_of_another_quiz_is_refused(enrollment, quiz):
    other = quiz_with_questions(CourseFactory(), questions=1)
    answers = {**as_service_answers(right_answers(quiz)), **as_service_answers(right_answers(other))}
    with pytest.raises(InvalidAnswer):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert not QuizAttempt.objects.exists()


def test_an_unanswered_question_is_refused(enrollment, quiz):
    answers = as_service_answers(right_answers(quiz))
    answers.pop(next(iter(answers)))
    with pytest.raises(InvalidAnswer):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert not QuizAttempt.objects.exists()


def test_two_choices_for_a_one_answer_question_are_refused(enrollment, quiz):
    question = quiz.questions.first()
    answers = as_service_answers(right_answers(quiz))
    answers[str(question.id)] = [c.id for c in question.choices.all()]
    with pytest.raises(InvalidAnswer):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=answers)
    assert not QuizAttempt.objects.exists()


def test_the_attempt_limit_stops_further_attempts(enrollment, quiz):
    quiz.attempt_limit = 2
    quiz.save()
    for _ in range(2):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(wrong_answers(quiz)))
    with pytest.raises(AttemptLimitReached):
        services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(right_answers(quiz)))
    assert QuizAttempt.objects.count() == 2
    assert not done(enrollment, quiz)


def test_attempts_before_the_current_pass_do_not_count_towards_the_limit(enrollment, quiz):
    quiz.attempt_limit = 1
    quiz.save()
    services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(wrong_answers(quiz)))
    QuizAttempt.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=400))
    enrollment.cycle_started_at = timezone.now() - datetime.timedelta(days=1)
    enrollment.save()
    attempt = services.quiz_submit(enrollment=enrollment, quiz=quiz, answers=as_service_answers(right_answers(quiz)))
    assert attempt.passed
    assert QuizAttempt.objects.count() == 2


def test_a_learner_not_enrolled_in_the_quizs_course_is_refused(quiz):
    elsewhere = enrolled(learner(), CourseFactory())
    with pytest.raises(NotEnrolled):
        services.quiz_submit(enrollment=elsewhere, quiz=quiz, answers=as_service_answers(right_answers(quiz)))
    assert not QuizAttempt.objects.exists()


# The pages --------------------------------------------------------------------------------------------------------


def test_quiz_page_shows_radio_buttons_for_one_answer_questions(client, enrollment, quiz):
    client.force_login(enrollment.user)
    content = client.get(url(quiz)).content.decode()
    assert content.count('type="radio"') == 4
    assert "<fieldset" in content and "<legend>" in content


def test_quiz_page_shows_checkboxes_when_a_question_has_several_right_choices(client):
    quiz = multi_answer_quiz(CourseFactory())
    user = learner()
    enrolled(user, quiz.course)
    client.force_login(user)
    content = client.get(url(quiz)).content.decode()
    assert content.count('type="checkbox"') == 3
    assert "Choose every answer that applies." in content


def test_submitting_redirects_to_feedback_with_explanations(client, enrollment, quiz):
    client.force_login(enrollment.user)
    response = client.post(url(quiz, "quiz/"), wrong_answers(quiz))
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == url(quiz, f"attempts/{attempt.pk}/")
    content = client.get(response["Location"]).content.decode()
    assert "You scored 0%" in content
    assert "Because equity means fair access to outcomes." in content
    assert "✗ Not right" in content
    assert "Try again" in content


def test_failing_feedback_shows_attempts_left(client, enrollment, quiz):
    quiz.attempt_limit = 3
    quiz.save()
    client.force_login(enrollment.user)
    response = client.post(url(quiz, "quiz/"), wrong_answers(quiz), follow=True)
    assert "You have 2 attempts left." in response.content.decode()


def test_failing_feedback_does_not_reveal_the_right_answers_while_attempts_remain(client, enrollment, quiz):
    client.force_login(enrollment.user)
    response = client.post(url(quiz, "quiz/"), wrong_answers(quiz), follow=True)
    assert "a right answer" not in response.content.decode()


def test_passing_feedback_marks_every_question_right_and_offers_to_continue(client, enrollment, quiz):
    client.force_login(enrollment.user)
    response = client.post(url(quiz, "quiz/"), right_answers(quiz), follow=True)
    content = response.content.decode()
    assert content.count("✓ Right") == 2
    assert "✓ Passed" in content
    assert "Try again" not in content


def test_a_forged_post_shows_a_clear_error_and_records_nothing(client, enrollment, quiz):
    client.force_login(enrollment.user)
    post = right_answers(quiz)
    first_key = next(iter(post))
    post[first_key] = ["424242"]
    response = client.post(url(quiz, "quiz/"), post)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in content
    assert "not one of this question" in content
    assert not QuizAttempt.objects.exists()
    assert not done(enrollment, quiz)


def test_an_incomplete_post_keeps_the_answers_given_and_names_the_missing_question(client, enrollment, quiz):
    client.force_login(enrollment.user)
    post = right_answers(quiz)
    kept_key, missing_key = list(post)
    del post[missing_key]
    content = client.post(url(quiz, "quiz/"), post).content.decode()
    assert "Question 2: choose an answer." in content
    assert f'value="{post[kept_key][0]}" checked' in content
    assert not QuizAttempt.objects.exists()


def test_a_post_after_the_attempt_limit_is_refused_with_a_message(client, enrollment, quiz):
    quiz.attempt_limit = 1
    quiz.save()
    client.force_login(enrollment.user)
    client.post(url(quiz, "quiz/"), wrong_answers(quiz))
    response = client.post(url(quiz, "quiz/"), right_answers(quiz), follow=True)
    assert "used all 1 attempts" in response.content.decode()
    assert QuizAttempt.objects.count() == 1


def test_quiz_post_to_a_module_that_is_not_a_quiz_is_404(client, enrollment, quiz):
    from tests.factories import ReadingModuleFactory

    reading = ReadingModuleFactory(course=quiz.course)
    client.force_login(enrollment.user)
    assert client.post(f"/learn/{quiz.course.slug}/{reading.pk}/quiz/", right_answers(quiz)).status_code == 404
    assert not QuizAttempt.objects.exists()


def test_pre_test_feedback_says_it_is_recorded_not_graded(client, enrollment, quiz):
    quiz.quiz_kind = QuizModule.Kind.PRE_TEST
    quiz.save()
    client.force_login(enrollment.user)
    content = client.post(url(quiz, "quiz/"), wrong_answers(quiz), follow=True).content.decode()
    assert "This pre-test is not graded" in content
    assert "Try again" not in content
    assert "Not passed" not in content
