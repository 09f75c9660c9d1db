"""Curricula in the Wagtail admin: training admins see who a curriculum will assign before it is
saved; saving applies it; a curriculum with assignments cannot be deleted."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation

from courses.curricula import tasks as curricula_tasks
from courses.curricula.models import Assignment, AssignmentEvent, Curriculum
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, UserFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def admin_client(client):
    client.force_login(training_admin())
    return client


def form_data(course, **overrides):
    data = {
        "name": "Anti-Racism Foundations",
        "slug": "anti-racism-foundations",
        "description": "",
        "active": "on",
        "courses": [str(course.pk)],
        "requirement": "all",
        "min_courses": "",
        "audience_departments": [],
        "audience_job_titles": "",
        "audience_hired_within_days": "",
        "due_rule": "after_assignment",
        "due_days": "30",
        "due_date": "",
        "recert_period_months": "24",
        "recert_window_days": "60",
        "expiry_method": "completion_date",
        "expiry_month": "",
        "expiry_day": "",
        "reminder_days_before_due": "14,3",
        "overdue_notice": "on",
        "window_open_notice": "on",
        "head_digest_every_days": "7",
    }
    data.update(overrides)
    return data


def preview(client, url, data):
    response = client.post(url, {**data, "action": "preview"})
    assert response.status_code == 200
    return response, response.context["preview_token"]


def test_preview_counts_the_audience_and_saves_nothing(admin_client):
    course = CourseFactory()
    parks = DepartmentFactory(name="Parks")
    trails = DepartmentFactory(name="Trails", parent=parks)
    EmployeeFactory(department=parks)
    EmployeeFactory(department=trails)
    EmployeeFactory(department=trails, active=False)
    EmployeeFactory()  # another department
    data = form_data(course, audience_departments=[str(parks.pk)])

    response, _token = preview(admin_client, reverse("curricula_admin:add"), data)

    assert "This curriculum will assign 2 people." in response.content.decode()
    assert response.context["preview"].assigned == 2
    assert not Curriculum.objects.exists()
    assert not Assignment.objects.exists()


def test_preview_counts_job_titles_and_new_hires_and_those_already_complete(admin_client):
    from tests.curricula.factories import complete

    course = CourseFactory()
    today = timezone.localdate()
    recent = EmployeeFactory(job_title="Librarian", hire_date=today - datetime.timedelta(days=10))
    EmployeeFactory(job_title="librarian", hire_date=today - datetime.timedelta(days=200))
    EmployeeFactory(job_title="Planner", hire_date=today - datetime.timedelta(days=5))
    complete(recent.user, course, today - datetime.timedelta(days=3))
    data = form_data(course, audience_job_titles="Librarian\n311 Agent", audience_hired_within_days="90")

    response, _token = preview(admin_client, reverse("curricula_admin:add"), data)

    result = response.context["preview"]
    assert (result.assigned, result.new, result.already_complete) == (1, 1, 1)
    assert "1 of the new people has already completed it." in response.content.decode()


def test_saving_without_a_preview_shows_the_preview_instead(admin_client):
    course = CourseFactory()
    EmployeeFactory()
    response = admin_client.post(reverse("curricula_admin:add"), {**form_data(course), "action": "save"})
    assert response.status_code == 200
    assert "This curriculum will assign 1 person." in response.content.decode()
    assert not Curriculum.objects.exists()


def test_saving_after_the_preview_creates_and_assigns(admin_client):
    course = CourseFactory()
    people = [EmployeeFactory() for _ in range(3)]
    url = reverse("curricula_admin:add")
    data = form_data(course)
    _response, token = preview(admin_client, url, data)

    response = admin_client.post(url, {**data, "action": "save", "preview_token": token}, follow=True)

    curriculum = Curriculum.objects.get()
    assert curriculum.recert_period_months == 24 and list(curriculum.courses.all()) == [course]
    assert set(Assignment.objects.filter(curriculum=curriculum).values_list("user_id", flat=True)) == {
        p.user_id for p in people
    }
    assert "3 people newly assigned, 0 assignments ended." in response.content.decode()


def test_changing_the_audience_after_the_preview_asks_for_a_new_preview(admin_client):
    course = CourseFactory()
    parks = DepartmentFactory()
    EmployeeFactory(department=parks)
    EmployeeFactory()
    url = reverse("curricula_admin:add")
    _response, token = preview(admin_client, url, form_data(course))

    changed = form_data(course, audience_departments=[str(parks.pk)])
    response = admin_client.post(url, {**changed, "action": "save", "preview_token": token})

    assert response.status_code == 200
    assert response.context["preview_was_stale"]
    assert "This curriculum will assign 1 person." in response.content.decode()
    assert not Curriculum.objects.exists()


def test_editing_shows_how_many_assignments_would_end_and_ends_them_on_save(admin_client):
    from courses.curricula.services import assignments_reconcile

    parks, police = DepartmentFactory(), DepartmentFactory()
    stay = EmployeeFactory(department=parks)
    leave = EmployeeFactory(department=police)
    curriculum = CurriculumFactory()
    assignments_reconcile(curriculum_id=curriculum.pk)
    course = curriculum.courses.get()
    url = reverse("curricula_admin:edit", args=[curriculum.pk])
    data = form_data(
        course,
        name=curriculum.name,
        slug=curriculum.slug,
        recert_period_months="",
        audience_departments=[str(parks.pk)],
    )

    response, token = preview(admin_client, url, data)
    assert "1 current assignment will end (its history is kept)." in response.content.decode()
    assert response.context["preview"].ending == 1

    admin_client.post(url, {**data, "action": "save", "preview_token": token})
    current = Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True)
    assert list(current.values_list("user_id", flat=True)) == [stay.user_id]
    ended = Assignment.objects.get(curriculum=curriculum, user=leave.user)
    assert ended.end_reason == Assignment.EndReason.LEFT_AUDIENCE
    assert ended.events.filter(kind=AssignmentEvent.Kind.ENDED).exists()


def test_an_invalid_curriculum_shows_its_errors_and_no_preview(admin_client):
    course = CourseFactory()
    response = admin_client.post(
        reverse("curricula_admin:add"), {**form_data(course, requirement="some"), "action": "preview"}
    )
    assert not response.context.get("preview_text")
    assert not Curriculum.objects.exists()
    assert "Say how many of the courses a person must complete." in response.content.decode()


def test_a_large_organisation_applies_the_curriculum_in_the_background(
    admin_client, settings, django_capture_on_commit_callbacks
):
    from unittest import mock

    settings.CURRICULA_SYNC_RECONCILE_MAX = 1
    course = CourseFactory()
    EmployeeFactory(), EmployeeFactory()
    url = reverse("curricula_admin:add")
    data = form_data(course)
    _response, token = preview(admin_client, url, data)
    with (
        mock.patch("courses.curricula.admin_services.async_task") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = admin_client.post(url, {**data, "action": "save", "preview_token": token}, follow=True)
    curriculum = Curriculum.objects.get()
    assert not Assignment.objects.exists()
    queued.assert_called_once_with(curricula_tasks.curriculum_apply, curriculum.pk)
    assert "Assignments are being updated in the background." in response.content.decode()


def test_a_curriculum_with_assignments_cannot_be_deleted(admin_client):
    from courses.curricula.services import assignments_reconcile

    EmployeeFactory()
    curriculum = CurriculumFactory()
    assignments_reconcile(curriculum_id=curriculum.pk)
    url = reverse("curricula_admin:delete", args=[curriculum.pk])

    page = admin_client.get(url)
    assert "It cannot be deleted" in page.content.decode()
    assert "Yes, delete" not in page.content.decode()

    admin_client.post(url)
    assert Curriculum.objects.filter(pk=curriculum.pk).exists()
    assert Assignment.objects.filter(curriculum=curriculum).count() == 1


def test_a_curriculum_without_assignments_can_be_deleted(admin_client):
    curriculum = CurriculumFactory()
    admin_client.post(reverse("curricula_admin:delete", args=[curriculum.pk]))
    assert not Curriculum.objects.filter(pk=curriculum.pk).exists()


def test_the_listing_searches_and_shows_current_assignments(admin_client):
    from courses.curricula.services import assignments_reconcile

    EmployeeFactory(), EmployeeFactory()
    wanted = CurriculumFactory(name="Language Access for Front-Line Staff")
    CurriculumFactory(name="Anti-Racism Foundations", active=False)
    assignments_reconcile(curriculum_id=wanted.pk)
    response = admin_client.get(reverse("curricula_admin:index"), {"q": "language"})
    content = response.content.decode()
    assert "Language Access for Front-Line Staff" in content
    assert "Anti-Racism Foundations" not in content
    assert list(response.context["object_list"])[0].current_assignments == 2


def test_an_editor_who_is_not_a_training_admin_cannot_open_curricula(client):
    editor = UserFactory(groups=[settings.EDITORS_GROUP])
    Group.objects.get(name=settings.EDITORS_GROUP).permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client.force_login(editor)
    for url in (reverse("curricula_admin:index"), reverse("curricula_admin:add")):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Preview who is assigned" not in response.content.decode()
