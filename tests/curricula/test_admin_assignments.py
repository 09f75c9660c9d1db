"""Assignments in the Wagtail admin: training admins find a person's assignment and grant an
exemption or an extension, with a reason, audited and shown in the assignment's history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.curricula.models import Assignment, AssignmentEvent
from courses.curricula.services import assignments_reconcile
from tests.curricula.factories import CurriculumFactory
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory
from tests.factories import training_admin as make_training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def training_admin():
    return make_training_admin(first_name="Tess", last_name="Admin")


@pytest.fixture
def admin_client(client, training_admin):
    client.force_login(training_admin)
    return client


@pytest.fixture
def assignment():
    person = EmployeeFactory(user__first_name="Amara", user__last_name="Okafor", employee_number="E-1001")
    curriculum = CurriculumFactory(name="Anti-Racism Foundations")
    assignments_reconcile(curriculum_id=curriculum.pk)
    return Assignment.objects.get(user=person.user)


def test_the_listing_filters_by_curriculum_department_state_and_searches_name_or_number(admin_client):
    parks = DepartmentFactory(name="Parks")
    trails = DepartmentFactory(name="Trails", parent=parks)
    police = DepartmentFactory(name="Police")
    ranger = EmployeeFactory(department=trails, user__last_name="Rivera", employee_number="P-7")
    EmployeeFactory(department=police, user__last_name="Nguyen", employee_number="Q-8")
    first, second = CurriculumFactory(name="First"), CurriculumFactory(name="Second")
    assignments_reconcile()
    Assignment.objects.filter(user=ranger.user, curriculum=second).update(state=Assignment.State.OVERDUE)
    url = reverse("curricula_ops:assignments")

    def shown(**params):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return {(a.user.last_name, a.curriculum.name) for a in response.context["assignments"]}

    assert len(shown()) == 4
    assert shown(department=parks.pk) == {("Rivera", "First"), ("Rivera", "Second")}
    assert shown(curriculum=first.pk) == {("Rivera", "First"), ("Nguyen", "First")}
    assert shown(state="overdue") == {("Rivera", "Second")}
    assert shown(q="nguy") == {("Nguyen", "First"), ("Nguyen", "Second")}
    assert shown(q="P-7", curriculum=second.pk) == {("Rivera", "Second")}


def test_the_listing_runs_the_same_queries_for_more_people(admin_client):
    curriculum = CurriculumFactory()
    EmployeeFactory()
    assignments_reconcile(curriculum_id=curriculum.pk)
    url = reverse("curricula_ops:assignments")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(8):
        EmployeeFactory()
    assignments_reconcile(curriculum_id=curriculum.pk)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert len(response.context["assignments"]) == 9
    assert len(many) == len(few)


def test_granting_an_extension_moves_the_due_date_and_is_in_the_history(admin_client, assignment, training_admin):
    new_due = assignment.due_on + datetime.timedelta(days=45)
    response = admin_client.post(
        reverse("curricula_ops:assignment_extend", args=[assignment.pk]),
        {"extend-due_on": new_due.isoformat(), "extend-reason": "On parental leave until March"},
        follow=True,
    )
    assert "Extension granted." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.effective_due_on == new_due
    event = assignment.events.get(kind=AssignmentEvent.Kind.EXTENDED)
    assert event.actor == training_admin and event.reason == "On parental leave until March"
    assert event.data == {"from": assignment.due_on.isoformat(), "to": new_due.isoformat()}
    history = response.content.decode()
    assert "On parental leave until March" in history and "Tess Admin" in history


def test_an_extension_needs_a_later_date_and_a_reason(admin_client, assignment):
    url = reverse("curricula_ops:assignment_extend", args=[assignment.pk])
    earlier = admin_client.post(url, {"extend-due_on": assignment.due_on.isoformat(), "extend-reason": "Because"})
    assert earlier.status_code == 400
    assert "The new due date must be later than the current one" in earlier.content.decode()
    no_reason = admin_client.post(
        url, {"extend-due_on": (assignment.due_on + datetime.timedelta(days=3)).isoformat(), "extend-reason": " "}
    )
    assert no_reason.status_code == 400
    assignment.refresh_from_db()
    assert assignment.extended_due_on is None
    assert not assignment.events.filter(kind=AssignmentEvent.Kind.EXTENDED).exists()


def test_granting_and_withdrawing_an_exemption_is_audited(admin_client, assignment, training_admin):
    admin_client.post(
        reverse("curricula_ops:assignment_exempt", args=[assignment.pk]),
        {"exempt-reason": "Completed the equivalent county programme"},
    )
    assignment.refresh_from_db()
    assert assignment.exempt and assignment.exempted_by == training_admin
    page = admin_client.get(reverse("curricula_ops:assignment", args=[assignment.pk])).content.decode()
    assert "Exemption granted" in page and "Completed the equivalent county programme" in page
    assert "Withdraw exemption" in page

    admin_client.post(
        reverse("curricula_ops:assignment_exemption_revoke", args=[assignment.pk]),
        {"revoke-reason": "Entered in error"},
    )
    assignment.refresh_from_db()
    assert not assignment.exempt
    kinds = list(assignment.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds[-2:] == [AssignmentEvent.Kind.EXEMPTED, AssignmentEvent.Kind.EXEMPTION_REVOKED]


def test_an_exemption_without_a_reason_is_refused(admin_client, assignment):
    response = admin_client.post(
        reverse("curricula_ops:assignment_exempt", args=[assignment.pk]), {"exempt-reason": ""}
    )
    assert response.status_code == 400
    assignment.refresh_from_db()
    assert not assignment.exempt


def test_an_ended_assignment_cannot_be_extended(admin_client, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now(), end_reason="left_audience")
    response = admin_client.post(
        reverse("curricula_ops:assignment_extend", args=[assignment.pk]),
        {"extend-due_on": (assignment.due_on + datetime.timedelta(days=9)).isoformat(), "extend-reason": "Late"},
    )
    assert response.status_code == 400
    assert "This assignment has ended" in response.content.decode()


def test_people_who_are_not_training_admins_are_refused(client, assignment):
    head = UserFactory()
    DepartmentFactory().heads.add(head)
    client.force_login(head)
    urls = [
        reverse("curricula_ops:assignments"),
        reverse("curricula_ops:assignment", args=[assignment.pk]),
        reverse("curricula_ops:import_completions"),
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 403)
    response = client.post(
        reverse("curricula_ops:assignment_exempt", args=[assignment.pk]), {"exempt-reason": "Friend of mine"}
    )
    assert response.status_code in (302, 403)
    assignment.refresh_from_db()
    assert not assignment.exempt
