"""The reflection draft saves itself a few seconds after the learner stops typing."""

import pytest
from playwright.sync_api import expect

from courses.catalogue.models import Reflection
from tests.conftest import login
from tests.courses.factories import enrolled
from tests.factories import EmployeeFactory, ReflectionModuleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reflection_draft_is_autosaved_and_the_counter_follows_typing(page):
    module = ReflectionModuleFactory(min_length=20)
    employee = EmployeeFactory(user__username="writer")
    enrolled(employee.user, module.course)
    login(page, "writer")
    page.goto(f"/learn/{module.course.slug}/{module.pk}/")
    page.get_by_label("Your reflection").fill("A draft that saves itself")
    expect(page.locator("#reflection-length [data-count]")).to_have_text("25")
    expect(page.get_by_role("status").filter(has_text="Draft saved automatically")).to_be_visible(timeout=15_000)
    reflection = Reflection.objects.get(author=employee.user, module=module)
    assert reflection.text == "A draft that saves itself"
    assert reflection.submitted_at is None
