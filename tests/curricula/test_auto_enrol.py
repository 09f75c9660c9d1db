"""An assigned mandatory course enrols the person: at reconciliation (in bulk), when a training admin
saves the curriculum, and for assignments made before (the data migration)."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.catalogue import services as catalogue_services
from courses.catalogue.models import Enrollment
from courses.curricula import admin_services, services
from courses.curricula.models import Assignment, Curriculum
from tests.curricula.factories import CurriculumFactory, complete
from tests.factories import CourseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
State = Assignment.State


def enrolments(curriculum):
    return set(
        Enrollment.objects.filter(course__in=curriculum.courses.all()).values_list("user_id", "course_id", "origin")
    )


def test_a_new_assignment_enrols_the_person_in_every_course_of_the_curriculum():
    first, second = CourseFactory(), CourseFactory()
    curriculum = CurriculumFactory(courses=[first, second])
    user = EmployeeFactory().user
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert enrolments(curriculum) == {(user.pk, first.pk, "assignment"), (user.pk, second.pk, "assignment")}


def test_reconciling_again_changes_nothing_and_keeps_the_learners_own_enrolment():
    course = CourseFactory()
    curriculum = CurriculumFactory(courses=[course])
    user = EmployeeFactory().user
    own, _created = catalogue_services.enrollment_create(user=user, course=course)
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert list(Enrollment.objects.values_list("pk", "origin")) == [(own.pk, "learner")]


def test_an_enrolment_made_by_the_assignment_does_not_count_as_started():
    curriculum = CurriculumFactory()
    EmployeeFactory()
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert Assignment.objects.get().state == State.ASSIGNED
    # Working in the course does.
    Enrollment.objects.update(last_activity_at="2026-01-06T10:00Z")
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    assert Assignment.objects.get().state == State.IN_PROGRESS


def test_a_withdrawn_learner_is_enrolled_again():
    course = CourseFactory()
    curriculum = CurriculumFactory(courses=[course])
    user = EmployeeFactory().user
    Enrollment.objects.create(user=user, course=course, status=Enrollment.Status.WITHDRAWN)
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert Enrollment.objects.get().status == Enrollment.Status.ACTIVE


def test_people_already_certified_by_earlier_completions_are_not_enrolled():
    course = CourseFactory()
    curriculum = CurriculumFactory(courses=[course])
    user = EmployeeFactory().user
    complete(user, course, "2026-01-02T12:00Z")
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert Assignment.objects.get().state == State.COMPLETE
    assert not Enrollment.objects.exists()


def test_a_curriculum_asking_for_some_of_its_courses_leaves_the_choice_to_the_person():
    curriculum = CurriculumFactory(
        courses=[CourseFactory(), CourseFactory()], requirement=Curriculum.Requirement.SOME, min_courses=1
    )
    EmployeeFactory()
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    assert Assignment.objects.count() == 1
    assert not Enrollment.objects.exists()


def test_enrolling_many_people_takes_a_constant_number_of_queries():
    curriculum = CurriculumFactory(courses=[CourseFactory(), CourseFactory()])

    def queries_for(people):
        users = [EmployeeFactory().user.pk for _ in range(people)]
        with CaptureQueriesContext(connection) as captured:
            catalogue_services.enrollments_ensure(
                user_ids=users, course_ids=curriculum.courses.values_list("pk", flat=True)
            )
        return len(captured)

    assert queries_for(3) == queries_for(30)
    assert Enrollment.objects.count() == 66


def test_saving_the_curriculum_with_a_new_course_enrols_who_must_still_complete_it():
    first = CourseFactory()
    curriculum = CurriculumFactory(courses=[first])
    user = EmployeeFactory().user
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    added = CourseFactory()
    curriculum.courses.add(added)
    admin_services.curriculum_apply(curriculum=curriculum)
    assert (user.pk, added.pk, "assignment") in enrolments(curriculum)


def test_the_migration_enrols_people_assigned_before_enrolment_was_automatic():
    course = CourseFactory()
    curriculum = CurriculumFactory(courses=[course])
    user, exempt = EmployeeFactory().user, EmployeeFactory().user
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    Enrollment.objects.all().delete()
    Assignment.objects.filter(user=exempt).update(exempt=True)
    migration = importlib.import_module("courses.curricula.migrations.0011_enrol_existing_assignees")
    migration.enrol_existing_assignees(global_apps, None)
    migration.enrol_existing_assignees(global_apps, None)
    assert enrolments(curriculum) == {(user.pk, course.pk, "assignment")}
