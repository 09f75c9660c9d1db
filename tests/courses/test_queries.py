"""The course player runs a constant number of queries whatever the number of modules, questions and
enrolments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.catalogue import services
from courses.catalogue.models import QuizModule, ReadingModule
from tests.courses.factories import course_with_every_kind, enrolled, learner, wrong_answers
from tests.factories import (
    ChoiceFactory,
    LiveSessionModuleFactory,
    QuestionFactory,
    ReadingModuleFactory,
    ReflectionModuleFactory,
    VideoModuleFactory,
)

pytestmark = pytest.mark.django_db


def _grow(course, me):
    """More modules of every kind, more questions, more learners and more of my progress."""
    for _ in range(4):
        ReadingModuleFactory(course=course, position=50)
        VideoModuleFactory(course=course, position=50)
        ReflectionModuleFactory(course=course, position=50)
        LiveSessionModuleFactory(course=course, position=50)
    quiz = course.modules.instance_of(QuizModule).get()
    for _ in range(5):
        question = QuestionFactory(quiz=quiz)
        ChoiceFactory(question=question, is_correct=True)
        ChoiceFactory(question=question)
    for _ in range(5):
        enrolled(learner(), course)
    enrollment = enrolled(me, course)
    for module in course.modules.instance_of(ReadingModule):
        services.module_acknowledge(enrollment=enrollment, module=module)


def _count(client, path):
    client.get(path)  # the first visit remembers where the learner is; measure the next one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["overview", "reading", "video", "quiz", "reflection", "live_session", "feedback"])
def test_player_pages_run_a_constant_number_of_queries(client, kind):
    me = learner()
    course, modules = course_with_every_kind(live_session=True)
    enrollment = enrolled(me, course)
    answers = {k.removeprefix("question-"): v for k, v in wrong_answers(modules["quiz"]).items()}
    attempt = services.quiz_submit(enrollment=enrollment, quiz=modules["quiz"], answers=answers)
    services.reflection_save(author=me, module=modules["reflection"], text="A first draft", submit=False)
    client.force_login(me)
    if kind == "overview":
        path = f"/learn/{course.slug}/"
    elif kind == "feedback":
        path = f"/learn/{course.slug}/{modules['quiz'].pk}/attempts/{attempt.pk}/"
    else:
        path = f"/learn/{course.slug}/{modules[kind].pk}/"
    few = _count(client, path)
    _grow(course, me)
    if kind == "feedback":  # an attempt that answers the grown quiz too
        services.quiz_submit(
            enrollment=enrollment,
            quiz=modules["quiz"],
            answers={k.removeprefix("question-"): v for k, v in wrong_answers(modules["quiz"]).items()},
        )
        path = f"/learn/{course.slug}/{modules['quiz'].pk}/attempts/{modules['quiz'].attempts.first().pk}/"
    many = _count(client, path)
    assert many == few
