"""Password reset in a real browser: every page accessible, the e-mailed link sets a new password."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.conftest import login
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_employee_resets_a_forgotten_password(page):
    EmployeeFactory(user__username="forgetful", user__email="forgetful@city.example")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)

    page.get_by_label("E-mail address").fill("not an address")
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("E-mail address").fill("forgetful@city.example")
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("equity-for-all-2026")
    page.get_by_label("New password again").fill("equity-for-all-2026")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", name="Your password is changed")).to_be_visible()
    assert_accessible(page)

    login(page, "forgetful", password="equity-for-all-2026")
    expect(page).to_have_url(re.compile(r"/learn/$"))
