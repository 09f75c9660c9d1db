"""A small city with answers, assignments and pre/post tests, for the insights tests."""

import datetime

from django.conf import settings
from django.utils import timezone

from courses.catalogue.models import Enrollment, QuizAttempt, QuizModule
from courses.curricula.models import Assignment
from courses.insights import services
from courses.insights.forms import Answers
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, QuizModuleFactory, UserFactory


def answer(user, *choices, write_in=None, question="race_ethnicity"):
    answers = Answers(choices={question: set(choices)}, write_ins={question: write_in} if write_in else {})
    return services.self_identification_save(user=user, answers=answers)


def analyst(**kwargs):
    return UserFactory(groups=[settings.EQUITY_ANALYSTS_GROUP], **kwargs)


def assign(user, curriculum, state, *, due_days_ago=10, completed_days_ago=None):
    today = timezone.localdate()
    completed_at = None
    if completed_days_ago is not None:
        completed_at = timezone.now() - datetime.timedelta(days=completed_days_ago)
    return Assignment.objects.create(
        curriculum=curriculum,
        user=user,
        state=state,
        assigned_at=timezone.now() - datetime.timedelta(days=60),
        due_on=today - datetime.timedelta(days=due_days_ago),
        completed_at=completed_at,
    )


def scores(user, course, pre_quiz, post_quiz, pre, post):
    enrollment = Enrollment.objects.create(user=user, course=course)
    QuizAttempt.objects.create(enrollment=enrollment, quiz=pre_quiz, score=pre)
    QuizAttempt.objects.create(enrollment=enrollment, quiz=post_quiz, score=post)


def city():
    """City > Water (32 people: 20 Hispanic or Latino, 12 White; one also Asian) > Lab (3 people, Asian),
    City > Parks (12 White people and 5 who did not answer), with a head of Water and one of Parks.
    One curriculum for everyone:
    12 of Water's Hispanic people certified on time (the other 8 not due yet), the White ones overdue; a
    course with a pre-test and a post-test taken by those 12."""
    root = DepartmentFactory(name="City of Example", code="city")
    water = DepartmentFactory(name="Water", code="water", parent=root)
    lab = DepartmentFactory(name="Water Lab", code="water-lab", parent=water)
    parks = DepartmentFactory(name="Parks", code="parks", parent=root)
    head = UserFactory(username="waterhead")
    water.heads.add(head)
    parks_head = UserFactory(username="parkshead")
    parks.heads.add(parks_head)
    curriculum = CurriculumFactory(name="Anti-Racism Foundations")
    course = CourseFactory(title="Implicit bias", slug="implicit-bias")
    pre_quiz = QuizModuleFactory(course=course, quiz_kind=QuizModule.Kind.PRE_TEST, position=1)
    post_quiz = QuizModuleFactory(course=course, quiz_kind=QuizModule.Kind.POST_TEST, position=2)
    hispanic, white, lab_people, parks_people = [], [], [], []
    for i in range(20):
        person = EmployeeFactory(department=water)
        answer(person.user, "mexican")
        if i < 12:
            assign(person.user, curriculum, Assignment.State.COMPLETE, due_days_ago=10, completed_days_ago=20)
            scores(person.user, course, pre_quiz, post_quiz, pre=40 + i, post=70 + i)
        else:
            assign(person.user, curriculum, Assignment.State.ASSIGNED, due_days_ago=-10)
        hispanic.append(person)
    for i in range(12):
        person = EmployeeFactory(department=water)
        answer(person.user, "white", *(["asian"] if i == 0 else []), write_in="MARKER-WRITE-IN" if i == 1 else None)
        assign(person.user, curriculum, Assignment.State.OVERDUE)
        white.append(person)
    for _ in range(3):
        person = EmployeeFactory(department=lab)
        answer(person.user, "asian")
        assign(person.user, curriculum, Assignment.State.OVERDUE)
        lab_people.append(person)
    for i in range(17):
        person = EmployeeFactory(department=parks)
        if i < 12:
            answer(person.user, "white")
        assign(person.user, curriculum, Assignment.State.ASSIGNED, due_days_ago=-10)
        parks_people.append(person)
    return {
        "root": root,
        "water": water,
        "lab": lab,
        "parks": parks,
        "head": head,
        "parks_head": parks_head,
        "curriculum": curriculum,
        "course": course,
        "hispanic": hispanic,
        "white": white,
        "lab_people": lab_people,
        "parks_people": parks_people,
    }
