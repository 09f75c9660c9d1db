"""The curriculum preview lists who it will assign (name, number, department, job title), 50 a page,
searchable by name or employee number, with an empty state; for training admins only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.curricula import services
from courses.curricula.previews import PEOPLE_PER_PAGE, curriculum_preview_people
from tests.curricula.factories import CurriculumFactory
from tests.curricula.test_admin import admin_client, english, form_data, preview  # noqa: F401 (fixtures)
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def people(page):
    return [employee.employee_number for employee in page]


def test_the_preview_lists_the_audience_with_number_department_and_job_title(admin_client):  # noqa: F811
    parks = DepartmentFactory(name="Parks and Recreation")
    EmployeeFactory(
        user__first_name="Amara",
        user__last_name="Okafor",
        employee_number="E-1001",
        department=parks,
        job_title="Ranger",
    )
    EmployeeFactory(user__last_name="Inactive", employee_number="E-9", active=False)
    response, _token = preview(admin_client, reverse("curricula_admin:add"), form_data(CourseFactory()))
    content = response.content.decode()
    assert people(response.context["preview_people"]) == ["E-1001"]
    for text in ("Amara Okafor", "E-1001", "Parks and Recreation", "Ranger"):
        assert text in content
    assert "E-9" not in content


def test_people_newly_assigned_are_marked_and_people_leaving_are_not_listed():
    parks, police = DepartmentFactory(name="Parks"), DepartmentFactory(name="Police")
    EmployeeFactory(department=parks, employee_number="E-1")
    EmployeeFactory(department=police, employee_number="E-2")
    curriculum = CurriculumFactory()
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    EmployeeFactory(department=parks, employee_number="E-3")
    page = curriculum_preview_people(curriculum=curriculum, department_ids=[parks.pk])
    assert {e.employee_number: e.is_new for e in page} == {"E-1": False, "E-3": True}
    assert "E-2" not in people(page)  # leaving: counted as "ending", not listed as assigned


def test_new_hires_only_join_within_the_window_but_keep_a_current_assignment():
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    EmployeeFactory(employee_number="E-OLD", hire_date=today - datetime.timedelta(days=400))
    new = EmployeeFactory(employee_number="E-NEW", hire_date=today - datetime.timedelta(days=3))
    curriculum = CurriculumFactory(audience_hired_within_days=30)
    assert people(curriculum_preview_people(curriculum=curriculum, department_ids=[])) == ["E-NEW"]
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    new.hire_date = today - datetime.timedelta(days=60)  # out of the window now, but assigned already
    new.save()
    page = curriculum_preview_people(curriculum=curriculum, department_ids=[])
    assert [(e.employee_number, e.is_new) for e in page] == [("E-NEW", False)]


def test_search_finds_people_by_part_of_a_name_or_number():
    EmployeeFactory(user__first_name="Amara", user__last_name="Okafor", employee_number="E-1001")
    EmployeeFactory(user__first_name="Ben", user__last_name="Baker", employee_number="E-2002")
    curriculum = CurriculumFactory()
    assert people(curriculum_preview_people(curriculum=curriculum, department_ids=[], query="okaf")) == ["E-1001"]
    assert people(curriculum_preview_people(curriculum=curriculum, department_ids=[], query="2002")) == ["E-2002"]
    assert people(curriculum_preview_people(curriculum=curriculum, department_ids=[], query="ben baker")) == ["E-2002"]


def test_the_list_is_paged_and_a_bad_page_number_gives_a_real_page(admin_client):  # noqa: F811
    for number in range(PEOPLE_PER_PAGE + 3):
        EmployeeFactory(employee_number=f"E-{number:03}", user__last_name=f"Person {number:03}")
    url = reverse("curricula_admin:add")
    data = form_data(CourseFactory())
    first, _token = preview(admin_client, url, data)
    assert len(first.context["preview_people"]) == PEOPLE_PER_PAGE
    assert 'name="preview_page" value="2"' in first.content.decode()
    second = admin_client.post(url, {**data, "preview_page": "2"})
    assert people(second.context["preview_people"]) == ["E-050", "E-051", "E-052"]
    assert second.context["preview_text"]  # still the preview: nothing saved
    for bad in ("0", "999", "x", "2\x00"):
        response = admin_client.post(url, {**data, "preview_page": bad})
        assert response.status_code == 200
        assert response.context["preview_people"].number in (1, 2)
    assert not CurriculumFactory._meta.model.objects.exists()


def test_searching_in_the_admin_keeps_the_preview_and_shows_an_empty_state(admin_client):  # noqa: F811
    EmployeeFactory(user__first_name="Amara", user__last_name="Okafor", employee_number="E-1001")
    url = reverse("curricula_admin:add")
    data = form_data(CourseFactory())
    response = admin_client.post(url, {**data, "action": "preview", "preview_q": "okafor"})
    assert people(response.context["preview_people"]) == ["E-1001"]
    response = admin_client.post(url, {**data, "action": "preview", "preview_q": "oka\x00for"})
    assert response.status_code == 200  # a NUL byte is dropped, not a server error
    response = admin_client.post(url, {**data, "action": "preview", "preview_q": "nobody-like-this"})
    content = response.content.decode()
    assert "Nobody this curriculum will assign matches “nobody-like-this”." in content
    assert response.context["preview"].assigned == 1  # the count is the audience's, whatever the search


def test_an_empty_audience_says_so(admin_client):  # noqa: F811
    response, _token = preview(admin_client, reverse("curricula_admin:add"), form_data(CourseFactory()))
    assert "Nobody matches this audience" in response.content.decode()


def test_a_page_of_people_takes_a_constant_number_of_queries():
    curriculum = CurriculumFactory()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            list(curriculum_preview_people(curriculum=curriculum, department_ids=[]))
        return len(captured)

    EmployeeFactory()
    few = queries()
    for _ in range(10):
        EmployeeFactory()
    assert queries() == few
