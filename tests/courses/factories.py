"""Helpers for the learner-flow tests: courses with one module of every kind, enrolled learners."""

from courses.catalogue.models import Enrollment
from tests.factories import (
    ChoiceFactory,
    CourseFactory,
    EmployeeFactory,
    LiveSessionModuleFactory,
    QuestionFactory,
    QuizModuleFactory,
    ReadingModuleFactory,
    ReflectionModuleFactory,
    VideoModuleFactory,
    quiz_with_questions,
)


def learner(**kwargs):
    """A user with an active Employee profile."""
    return EmployeeFactory(**kwargs).user


def enrolled(user, course) -> Enrollment:
    return Enrollment.objects.get_or_create(user=user, course=course)[0]


def course_with_every_kind(live_session=False, **course_kwargs):
    """A course with a reading, a video, a two-question quiz and a reflection, in that order (plus a
    live session when asked). Returns (course, {kind: module})."""
    course = CourseFactory(**course_kwargs)
    modules = {
        "reading": ReadingModuleFactory(course=course, position=1),
        "video": VideoModuleFactory(course=course, position=2),
        "quiz": quiz_with_questions(course, questions=2, position=3, pass_mark=100),
        "reflection": ReflectionModuleFactory(course=course, position=4, min_length=20),
    }
    if live_session:
        modules["live_session"] = LiveSessionModuleFactory(course=course, position=5, description="Meet the group.")
    return course, modules


def multi_answer_quiz(course, **kwargs):
    """A quiz with one question that has two right choices and one wrong one."""
    quiz = QuizModuleFactory(course=course, **kwargs)
    question = QuestionFactory(quiz=quiz, text="Which are forms of language access?")
    ChoiceFactory(question=question, text="Interpretation", is_correct=True)
    ChoiceFactory(question=question, text="Translated forms", is_correct=True)
    ChoiceFactory(question=question, text="Speaking louder", is_correct=False)
    return quiz


def right_answers(quiz):
    """A form post that answers every question of `quiz` exactly right."""
    return {
        f"question-{question.id}": [str(c.id) for c in question.choices.all() if c.is_correct]
        for question in quiz.questions.all()
    }


def wrong_answers(quiz):
    return {
        f"question-{question.id}": [str(next(c.id for c in question.choices.all() if not c.is_correct))]
        for question in quiz.questions.all()
    }
