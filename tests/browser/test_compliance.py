"""A department head reads compliance and drills down; an employee reads their required training.
In a real browser, with accessibility checks."""

import pytest

from tests.browser.a11y import assert_accessible
from tests.conftest import login
from tests.curricula.factories import city_with_compliance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_head_opens_compliance_and_drills_down_to_people(page):
    city_with_compliance()
    login(page, "parkshead")
    page.get_by_role("link", name="Compliance").click()
    page.wait_for_url("**/compliance/")
    assert page.get_by_role("heading", name="Compliance with mandatory training").is_visible()
    table = page.get_by_role("table", name="Compliance by department")
    assert table.get_by_role("rowheader", name="Parks").is_visible()
    assert "Police" not in page.content()
    bar = "66% compliant: 1 complete, 1 on track, 1 overdue, 0 expired"
    assert page.get_by_role("img", name=bar).first.is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Remind the overdue people of Parks").click()
    page.wait_for_url("**/compliance/")
    assert "Reminder sent to 1 people in Parks." in page.content()
    assert_accessible(page)

    table.get_by_role("link", name="Parks").click()
    page.wait_for_url("**/compliance/department/*/")
    assert page.get_by_role("heading", name="Compliance: Parks").is_visible()
    people = page.get_by_role("table", name="3 assignments, most urgent first")
    first_row = people.get_by_role("row").nth(1)
    assert "Ben Okafor" in first_row.inner_text() and "Overdue" in first_row.inner_text()
    assert_accessible(page)

    page.get_by_role("combobox", name="Curriculum").select_option(label="Anti-Racism Foundations")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/compliance/department/*/?curriculum=*")
    assert "Ben Okafor" in page.content()


def test_an_employee_sees_required_training_on_learn_and_cannot_open_compliance(page):
    city = city_with_compliance()
    login(page, city["people"]["ben"].user.username)
    page.goto("/learn/")
    panel = page.get_by_role("region", name="My required training")
    assert "Anti-Racism Foundations" in panel.inner_text() and "Overdue" in panel.inner_text()
    assert_accessible(page)
    response = page.goto("/compliance/")
    assert response.status == 403
