"""Evaluation forms in the Wagtail admin (training admins only, logged), and the /learn/ panel's queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from courses.evaluations.models import EvaluationForm
from tests.certificates.factories import CourseCompletionFactory
from tests.factories import CourseFactory, UserFactory, training_admin
from tests.scheduling.factories import employee_user

from .factories import attendee, past_session

pytestmark = pytest.mark.django_db


def test_a_training_admin_sets_a_course_skills_and_the_change_is_logged(client):
    admin = training_admin()
    course = CourseFactory()
    client.force_login(admin)
    response = client.post(
        "/admin/evaluation-forms/new/",
        {"course": course.pk, "skill_1": "Plain-language letters", "skill_2": "Booking interpreters", "skill_3": ""},
    )
    assert response.status_code == 302
    form = EvaluationForm.objects.get(course=course)
    assert form.skills == ["Plain-language letters", "Booking interpreters"]
    assert ModelLogEntry.objects.filter(object_id=str(form.pk), action="wagtail.create", user=admin).exists()


def test_a_form_without_two_skills_is_refused_with_a_message(client):
    client.force_login(training_admin())
    course = CourseFactory()
    response = client.post("/admin/evaluation-forms/new/", {"course": course.pk, "skill_1": "Only one"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not EvaluationForm.objects.exists()


def test_editors_and_employees_cannot_edit_evaluation_forms(client):
    editor = UserFactory(groups=["Editors"])
    for user in (editor, employee_user()):
        client.force_login(user)
        response = client.get("/admin/evaluation-forms/")
        assert response.status_code in (302, 403)


def test_no_admin_screen_lists_responses(client):
    client.force_login(training_admin())
    assert client.get("/admin/evaluations/evaluationresponse/").status_code == 404


def test_the_learn_panel_runs_a_constant_number_of_queries(client):
    user = employee_user()
    attendee(past_session(), user)
    CourseCompletionFactory(user=user)
    client.force_login(user)
    client.get("/learn/")
    with CaptureQueriesContext(connection) as few:
        client.get("/learn/")
    for _ in range(4):
        attendee(past_session(), user)
        CourseCompletionFactory(user=user)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/learn/").content.decode()
    assert page.count("/evaluations/session/") == 5 and page.count("/evaluations/course/") == 5
    assert len(many) == len(few)
