"""Departments and employees in the Wagtail admin (People menu)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.people.models import Department, Employee
from courses.people.signals import employee_changed
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    city = DepartmentFactory(code="city", name="City Manager's Office")
    works = DepartmentFactory(code="public-works", name="Public Works", parent=city)
    streets = DepartmentFactory(code="streets", name="Streets", parent=Department.objects.get(pk=works.pk))
    parks = DepartmentFactory(code="parks", name="Parks", parent=Department.objects.get(pk=city.pk))
    return {d.code: d for d in Department.objects.filter(pk__in=[city.pk, works.pk, streets.pk, parks.pk])}


@pytest.fixture
def admin_client(client):
    client.force_login(training_admin())
    return client


def test_departments_are_listed_in_tree_order_with_their_level(admin_client, tree):
    content = admin_client.get("/admin/people/departments/").content.decode()
    # Children sorted by name under their parent: Parks, then Public Works with Streets below it.
    positions = [content.index(name) for name in ("City Manager", "Parks", "Public Works", "Streets")]
    assert positions == sorted(positions)
    assert "Level 3:" in content
    assert f"/admin/people/departments/new/?parent={tree['public-works'].pk}" in content


def test_add_child_department_puts_it_under_its_parent(admin_client, tree):
    works = tree["public-works"]
    form = admin_client.get(f"/admin/people/departments/new/?parent={works.pk}").context["form"]
    assert form.initial["parent"] == works
    response = admin_client.post(
        "/admin/people/departments/new/", {"name": "Fleet", "code": "fleet", "parent": works.pk, "heads": []}
    )
    assert response.status_code == 302
    assert Department.objects.get(code="fleet").get_parent() == works


def test_moving_a_department_moves_its_subtree_and_refuses_a_move_inside_itself(admin_client, tree):
    works, parks, streets = tree["public-works"], tree["parks"], tree["streets"]
    response = admin_client.post(
        f"/admin/people/departments/edit/{works.pk}/",
        {"name": "Public Works", "code": "public-works", "parent": parks.pk},
    )
    assert response.status_code == 302
    streets.refresh_from_db()
    assert streets.get_parent().get_parent().code == "parks"
    response = admin_client.post(
        f"/admin/people/departments/edit/{parks.pk}/", {"name": "Parks", "code": "parks", "parent": streets.pk}
    )
    assert response.status_code == 200
    assert "cannot be part of itself" in response.content.decode()
    assert Department.objects.get(code="parks").depth == 2


def test_heads_are_edited_on_the_department(admin_client, tree):
    head = EmployeeFactory(department=tree["public-works"]).user
    works = tree["public-works"]
    admin_client.post(
        f"/admin/people/departments/edit/{works.pk}/",
        {"name": "Public Works", "code": "public-works", "parent": tree["city"].pk, "heads": [head.pk]},
    )
    assert list(Department.objects.get(pk=works.pk).heads.all()) == [head]


def test_a_department_with_employees_or_children_is_not_deleted(admin_client, tree):
    response = admin_client.post(f"/admin/people/departments/delete/{tree['public-works'].pk}/", follow=True)
    assert "has departments below it" in response.content.decode()
    EmployeeFactory(department=tree["parks"])
    response = admin_client.post(f"/admin/people/departments/delete/{tree['parks'].pk}/", follow=True)
    assert "has employees" in response.content.decode()
    assert Department.objects.count() == 4
    admin_client.post(f"/admin/people/departments/delete/{tree['streets'].pk}/")
    assert not Department.objects.filter(code="streets").exists()


def test_employees_are_filtered_by_department_including_its_subtree(admin_client, tree):
    in_works = EmployeeFactory(department=tree["public-works"], user__last_name="Yazzie")
    in_streets = EmployeeFactory(department=tree["streets"], user__last_name="Nguyễn")
    in_parks = EmployeeFactory(department=tree["parks"], user__last_name="Okafor")
    response = admin_client.get(f"/admin/people/employees/?department={tree['public-works'].pk}")
    listed = set(response.context["object_list"])
    assert listed == {in_works, in_streets}
    assert in_parks not in listed


def test_employees_are_filtered_by_active_and_searched_by_name_or_number(admin_client, tree):
    active = EmployeeFactory(department=tree["parks"], employee_number="300001", user__last_name="Begay")
    former = EmployeeFactory(department=tree["parks"], active=False, user__last_name="Chee")
    assert set(admin_client.get("/admin/people/employees/?active=false").context["object_list"]) == {former}
    assert list(admin_client.get("/admin/people/employees/?q=begay").context["object_list"]) == [active]
    assert list(admin_client.get("/admin/people/employees/?q=300001").context["object_list"]) == [active]


def test_editing_an_employee_goes_through_the_service_and_announces_the_move(
    admin_client, tree, django_capture_on_commit_callbacks
):
    employee = EmployeeFactory(department=tree["parks"])
    received = []

    def listener(sender, employee_id, created, changed_fields, **kwargs):
        received.append((employee_id, changed_fields))

    employee_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"/admin/people/employees/edit/{employee.pk}/",
                {
                    "department": tree["streets"].pk,
                    "job_title": employee.job_title,
                    "hire_date": employee.hire_date.isoformat(),
                    "preferred_language": "en",
                    "time_zone": "",
                    "active": "on",
                },
            )
    finally:
        employee_changed.disconnect(listener)
    assert response.status_code == 302
    assert Employee.objects.get(pk=employee.pk).department == tree["streets"]
    assert received == [(employee.pk, ["department"])]


def test_employees_are_not_added_or_deleted_in_the_admin(admin_client, tree):
    employee = EmployeeFactory(department=tree["parks"])
    assert admin_client.get("/admin/people/employees/new/").status_code == 302
    admin_client.post(f"/admin/people/employees/delete/{employee.pk}/")
    assert Employee.objects.filter(pk=employee.pk).exists()


def test_an_editor_cannot_manage_people(client, tree):
    client.force_login(UserFactory(groups=["Editors"]))
    for url in ("/admin/people/departments/", "/admin/people/employees/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "/admin/people/employees/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("url", ["/admin/people/employees/", "/admin/people/departments/"])
def test_people_listings_run_a_constant_number_of_queries(admin_client, tree, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        return len(queries)

    EmployeeFactory(department=tree["parks"])
    tree["parks"].heads.add(UserFactory())
    few = count()
    for code in ("parks", "streets", "public-works"):
        for _ in range(3):
            EmployeeFactory(department=tree[code])
        tree[code].heads.add(UserFactory(), UserFactory())
    DepartmentFactory(code="fleet", name="Fleet", parent=Department.objects.get(code="public-works"))
    assert count() == few
