import datetime

import pytest
from django.db.models import ProtectedError

from courses.catalogue import services
from courses.catalogue.exceptions import CourseHasEnrollments
from courses.catalogue.models import Course
from tests.courses.factories import enrolled, learner
from tests.factories import CourseFactory, ReadingModuleFactory

pytestmark = pytest.mark.django_db


def test_course_delete_refuses_a_course_with_enrolments(db):
    course = CourseFactory()
    enrolled(learner(), course)
    with pytest.raises(CourseHasEnrollments):
        services.course_delete(course=course)
    assert Course.objects.filter(pk=course.pk).exists()


def test_model_delete_used_by_the_admin_refuses_a_course_with_enrolments(db):
    course = CourseFactory()
    ReadingModuleFactory(course=course)
    enrolled(learner(), course)
    with pytest.raises(ProtectedError):
        course.delete()
    assert Course.objects.filter(pk=course.pk).exists()
    assert course.modules.count() == 1


def test_model_delete_refuses_a_course_with_only_imported_completions(db):
    course = CourseFactory()
    services.course_completion_record(
        user=learner(), course=course, completed_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(ProtectedError):
        course.delete()
    with pytest.raises(CourseHasEnrollments):
        services.course_delete(course=course)
    assert Course.objects.filter(pk=course.pk).exists()


def test_a_course_nobody_enrolled_in_can_be_deleted(db):
    course = CourseFactory()
    ReadingModuleFactory(course=course)
    services.course_delete(course=course)
    assert not Course.objects.filter(pk=course.pk).exists()
