"""Courses taken in order: a module behind an unfinished required one is locked, in the outline and
by URL; the setting is on for courses with a final check."""

import importlib

import pytest
from django.apps import apps as global_apps

from courses.catalogue import selectors, services
from courses.catalogue.models import Course, QuizModule
from tests.courses.factories import enrolled, learner, right_answers
from tests.factories import CourseFactory, QuizModuleFactory, ReadingModuleFactory, quiz_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    """Reading (required), reading (optional), reading (required), post-test, in order."""
    course = CourseFactory(slug="in-order", modules_in_order=True)
    ReadingModuleFactory(course=course, position=1, title="First reading")
    ReadingModuleFactory(course=course, position=2, title="Optional extra", required=False)
    ReadingModuleFactory(course=course, position=3, title="Second reading")
    quiz_with_questions(course, questions=1, position=4, quiz_kind=QuizModule.Kind.POST_TEST, title="Final check")
    return course


def steps_by_title(course, user):
    return {step.module.title: step for step in selectors.course_outline(course=course, user=user).steps}


def test_every_module_after_the_first_unfinished_required_one_is_locked_behind_it(course):
    user = learner()
    enrolled(user, course)
    steps = steps_by_title(course, user)
    assert not steps["First reading"].locked
    for title in ("Optional extra", "Second reading", "Final check"):
        assert steps[title].blocked_by is steps["First reading"]


def test_finishing_a_module_opens_the_next_ones_up_to_the_next_unfinished_required_one(course):
    user = learner()
    enrollment = enrolled(user, course)
    first = course.modules.get(title="First reading")
    services.module_acknowledge(enrollment=enrollment, module=first)
    steps = steps_by_title(course, user)
    assert not steps["Optional extra"].locked  # optional modules never hold the learner back
    assert not steps["Second reading"].locked
    assert steps["Final check"].blocked_by is steps["Second reading"]


def test_a_course_not_taken_in_order_locks_nothing(course):
    Course.objects.filter(pk=course.pk).update(modules_in_order=False)
    course.refresh_from_db()
    user = learner()
    enrolled(user, course)
    assert not any(step.locked for step in selectors.course_outline(course=course, user=user).steps)


def test_the_outline_shows_locked_modules_without_a_link_and_says_why(client, course):
    user = learner()
    enrolled(user, course)
    client.force_login(user)
    content = client.get(f"/learn/{course.slug}/").content.decode()
    final = course.modules.get(title="Final check")
    assert f"/learn/{course.slug}/{final.pk}/" not in content
    assert "Locked: complete “First reading” first" in content


def test_opening_a_locked_module_by_url_goes_to_the_first_unfinished_one_with_a_message(client, course):
    user = learner()
    enrolled(user, course)
    client.force_login(user)
    final = course.modules.get(title="Final check")
    first = course.modules.get(title="First reading")
    response = client.get(f"/learn/{course.slug}/{final.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/learn/{course.slug}/{first.pk}/"
    assert "complete “First reading” before “Final check”" in response.content.decode()


def test_the_final_check_cannot_be_submitted_before_the_modules_it_tests(client, course):
    user = learner()
    enrollment = enrolled(user, course)
    client.force_login(user)
    final = QuizModule.objects.get(course=course)
    response = client.post(f"/learn/{course.slug}/{final.pk}/quiz/", right_answers(final))
    assert response.status_code == 302
    assert not enrollment.quiz_attempts.exists()


def test_with_the_modules_done_the_final_check_can_be_taken(client, course):
    user = learner()
    enrollment = enrolled(user, course)
    for title in ("First reading", "Second reading"):
        services.module_acknowledge(enrollment=enrollment, module=course.modules.get(title=title))
    client.force_login(user)
    final = QuizModule.objects.get(course=course)
    client.post(f"/learn/{course.slug}/{final.pk}/quiz/", right_answers(final))
    assert enrollment.quiz_attempts.filter(passed=True).count() == 1


def test_a_course_gets_modules_in_order_with_its_first_final_check():
    course = CourseFactory()
    QuizModuleFactory(course=course, quiz_kind=QuizModule.Kind.KNOWLEDGE_CHECK)
    course.refresh_from_db()
    assert not course.modules_in_order
    QuizModuleFactory(course=course, quiz_kind=QuizModule.Kind.POST_TEST)
    course.refresh_from_db()
    assert course.modules_in_order


def test_a_second_final_check_leaves_the_admins_choice_alone():
    course = CourseFactory()
    QuizModuleFactory(course=course, quiz_kind=QuizModule.Kind.POST_TEST)
    Course.objects.filter(pk=course.pk).update(modules_in_order=False)
    QuizModuleFactory(course=course, quiz_kind=QuizModule.Kind.POST_TEST)
    course.refresh_from_db()
    assert not course.modules_in_order


def test_the_migration_turns_it_on_for_existing_courses_with_a_final_check_only():
    with_check, without = CourseFactory(), CourseFactory()
    QuizModuleFactory(course=with_check, quiz_kind=QuizModule.Kind.POST_TEST)
    QuizModuleFactory(course=without, quiz_kind=QuizModule.Kind.PRE_TEST)
    Course.objects.update(modules_in_order=False)
    migration = importlib.import_module("courses.catalogue.migrations.0004_course_modules_in_order")
    migration.on_for_courses_with_a_final_check(global_apps, None)
    assert set(Course.objects.filter(modules_in_order=True)) == {with_check}


def test_training_admins_edit_the_setting_in_the_course_admin(client):
    from tests.factories import training_admin

    course = CourseFactory(modules_in_order=False)
    client.force_login(training_admin())
    url = f"/admin/courses/edit/{course.pk}/"
    assert 'name="modules_in_order"' in client.get(url).content.decode()
    form = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "format": course.format,
        "estimated_minutes": course.estimated_minutes,
        "modules_in_order": "on",
        "is_published": "on",
    }
    assert client.post(url, form).status_code == 302
    course.refresh_from_db()
    assert course.modules_in_order
