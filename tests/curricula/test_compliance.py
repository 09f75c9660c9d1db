"""/compliance/: what each viewer sees, the drill-down, the exports, the query counts, /learn/ panel."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from courses.curricula import services
from courses.curricula.exports import safe_cell
from courses.curricula.models import Assignment
from tests.curricula.factories import CurriculumFactory, city_with_compliance
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db
State = Assignment.State


@pytest.fixture
def city():
    return city_with_compliance()


def test_an_employee_cannot_open_compliance(client, city):
    client.force_login(city["people"]["ana"].user)
    assert client.get("/compliance/").status_code == 403
    assert client.get(f"/compliance/department/{city['parks'].pk}/").status_code == 403
    assert client.get("/compliance/export.csv").status_code == 403
    assert client.get("/compliance/export.xlsx").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, city):
    response = client.get("/compliance/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_head_sees_their_subtree_with_rolled_up_counts_and_nobody_else(client, city):
    client.force_login(city["head"])
    response = client.get("/compliance/")
    assert response.status_code == 200
    rows = {row.department.name: row for row in response.context["rows"]}
    assert set(rows) == {"Parks", "Trails"}
    parks = rows["Parks"].total
    assert (parks.assigned, parks.complete, parks.on_track, parks.overdue, parks.expired) == (3, 1, 1, 1, 0)
    assert parks.percent_compliant == 66  # Ana certified, Cai not due yet; only Ben is overdue
    assert parks.completion_rate == 33
    assert rows["Trails"].total.assigned == 1
    content = response.content.decode()
    assert "Police" not in content and "City of Example" not in content
    assert "66% compliant" in content  # the bar's text, not only its colour


def test_a_training_admin_sees_the_whole_organisation(client, city):
    client.force_login(training_admin())
    response = client.get("/compliance/")
    rows = {row.department.name: row for row in response.context["rows"]}
    assert set(rows) == {"City of Example", "Parks", "Trails", "Police"}
    assert rows["City of Example"].total.assigned == 4
    assert rows["City of Example"].total.certified == 2
    assert response.context["total"].percent_compliant == 75
    assert response.context["total"].completion_rate == 50


def test_filtering_by_curriculum_and_department(client, city):
    other = CurriculumFactory(name="Language Access", departments=[city["police"]])
    services.assignments_reconcile(curriculum_id=other.pk)
    client.force_login(training_admin())
    response = client.get("/compliance/", {"curriculum": other.pk})
    assert response.context["total"].assigned == 1
    response = client.get("/compliance/", {"department": city["parks"].pk})
    assert {row.department.name for row in response.context["rows"]} == {"Parks", "Trails"}
    assert response.context["total"].assigned == 3


def test_a_head_filtering_on_a_department_outside_their_subtree_gets_a_message_and_no_outside_data(client, city):
    client.force_login(city["head"])
    response = client.get("/compliance/", {"department": city["police"].pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "That filter is not available to you" in content
    assert "Police" not in content and "Outsider" not in content


def test_drill_down_lists_the_people_of_the_subtree(client, city):
    client.force_login(city["head"])
    response = client.get(f"/compliance/department/{city['parks'].pk}/")
    assert response.status_code == 200
    names = [a.user.first_name for a in response.context["assignments"]]
    assert names == ["Ben", "Cai", "Ana"]  # overdue first, certified last
    content = response.content.decode()
    assert "Overdue" in content and "Certified" in content
    assert "Outsider" not in content


def test_a_head_cannot_drill_into_another_department(client, city):
    client.force_login(city["head"])
    assert client.get(f"/compliance/department/{city['police'].pk}/").status_code == 404
    assert client.get(f"/compliance/department/{city['root'].pk}/").status_code == 404
    assert client.get("/compliance/department/999999/").status_code == 404


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_export_holds_exactly_what_the_head_may_see(client, city):
    client.force_login(city["head"])
    response = client.get("/compliance/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0][:4] == ["Employee number", "Name", "E-mail", "Department"]
    assert sorted(row[1] for row in rows[1:]) == ["Ana Ruiz", "Ben Okafor", "Cai Lin"]
    assert {row[6] for row in rows[1:]} == {"Certified", "Overdue", "Not started"}


def test_a_head_cannot_export_another_department(client, city):
    client.force_login(city["head"])
    assert client.get("/compliance/export.csv", {"department": city["police"].pk}).status_code == 404


def test_the_xlsx_export_holds_exactly_what_the_head_may_see(client, city):
    client.force_login(city["head"])
    response = client.get("/compliance/export.xlsx", {"department": city["trails"].pk})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["Cai Lin"]


def test_cells_that_look_like_formulas_are_escaped(client, city):
    user = city["people"]["ana"].user
    user.first_name = '=HYPERLINK("http://evil.example","x")'
    user.save()
    user.employee.job_title = "@SUM(1)"
    user.employee.save()
    client.force_login(city["head"])
    rows = read_csv(client.get("/compliance/export.csv"))
    row = next(r for r in rows if "HYPERLINK" in r[1])
    assert row[1].startswith("'=") and row[4] == "'@SUM(1)"
    workbook = load_workbook(io.BytesIO(b"".join(client.get("/compliance/export.xlsx").streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "'@SUM(1)" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert [safe_cell(v) for v in ("+1", "-2", "ok", 3)] == ["'+1", "'-2", "ok", 3]


def grow(city, people: int, departments: int):
    for index in range(departments):
        DepartmentFactory(name=f"Unit {index}", parent=city["trails"])
    for _ in range(people):
        EmployeeFactory(department=city["trails"])
    services.assignments_reconcile()


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/compliance/", "/compliance/department/{parks}/", "/compliance/export.csv", "/compliance/export.xlsx"],
)
@pytest.mark.parametrize("viewer", ["head", "admin"])
def test_queries_do_not_grow_with_people_or_departments(client, city, url, viewer):
    client.force_login(city["head"] if viewer == "head" else training_admin())
    url = url.format(parks=city["parks"].pk)
    count_queries(client, url)  # warm the per-process caches (site root, Wagtail userbar) first
    before = count_queries(client, url)
    grow(city, people=30, departments=8)
    after = count_queries(client, url)
    assert before == after


def test_my_required_training_on_learn_shows_overdue_first_with_due_dates(client, city):
    second = CurriculumFactory(name="Language Access Basics", courses=[CourseFactory(title="Interpreters")])
    services.assignments_reconcile(curriculum_id=second.pk)
    user = city["people"]["ben"].user
    client.force_login(user)
    content = client.get("/learn/").content.decode()
    assert "My required training" in content
    assert content.index("Anti-Racism Foundations") < content.index("Language Access Basics")
    assert "Overdue" in content and "Not started" in content
    assert f'href="/learn/{city["course"].slug}/"' in content


def test_the_learn_panel_runs_the_same_queries_for_one_or_five_assignments(client, city):
    user = city["people"]["ben"].user
    client.force_login(user)
    client.get("/learn/")
    with CaptureQueriesContext(connection) as one:
        client.get("/learn/")
    for index in range(4):
        CurriculumFactory(name=f"Extra {index}", courses=[CourseFactory(), CourseFactory()])
    services.assignments_reconcile()
    with CaptureQueriesContext(connection) as five:
        content = client.get("/learn/").content.decode()
    assert "Extra 3" in content
    assert len(one) == len(five)


def test_someone_without_assignments_has_no_required_training_panel(client, db):
    client.force_login(EmployeeFactory().user)
    assert "My required training" not in client.get("/learn/").content.decode()


def test_the_people_of_a_large_department_are_paginated(client, city):
    for _ in range(55):
        EmployeeFactory(department=city["trails"])
    services.assignments_reconcile()
    client.force_login(city["head"])
    url = f"/compliance/department/{city['trails'].pk}/"
    first = client.get(url)
    assert len(first.context["assignments"]) == 50
    second = client.get(url, {"page": 2})
    assert len(second.context["assignments"]) == 6
    assert 'rel="prev"' in second.content.decode()
