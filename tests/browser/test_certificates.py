"""The verify page and the holder's download, in a real browser, with accessibility checks."""

import io

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from tests.browser.a11y import assert_accessible
from tests.certificates.factories import holder, issued_certificate
from tests.conftest import login
from tests.factories import CourseFactory

# serialized_rollback: a plain flush would re-run post_migrate and break the serialized-rollback tests
# that follow (content types recreated with new ids).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_anyone_verifies_a_code_typed_with_spaces_dashes_and_lower_case(page):
    certificate = issued_certificate(
        user=holder(name="Nguyễn Thị Hương", language="en"), course=CourseFactory(title="Implicit bias")
    )
    typed = " - ".join(certificate.code[i : i + 4].lower() for i in range(0, 16, 4)).replace("-", " ", 1)
    page.goto("/verify/")
    assert_accessible(page)
    page.get_by_label("Certificate code").fill(f"  {typed} ")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**/verify/{certificate.display_code}/")
    assert page.get_by_role("heading", name="This certificate is genuine and valid.").is_visible()
    assert page.get_by_text("Nguyễn Thị Hương").is_visible()
    assert page.get_by_text("Implicit bias").is_visible()
    assert_accessible(page)


def test_an_unknown_code_says_so_and_nothing_else(page):
    issued_certificate(user=holder(name="Ana Ruiz", language="en"))
    page.goto("/verify/")
    page.get_by_label("Certificate code").fill("abcd efgh jkmn pqrs")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/verify/ABCD-EFGH-JKMN-PQRS/")
    assert page.get_by_role("heading", name="No certificate has this code.").is_visible()
    assert "Ana Ruiz" not in page.content()
    assert_accessible(page)


def test_a_malformed_code_gets_an_error_linked_to_the_field(page):
    page.goto("/verify/")
    page.get_by_label("Certificate code").fill("12345")
    page.get_by_role("button", name="Verify").click()
    alert = page.get_by_role("alert")
    assert "16 letters and digits" in alert.inner_text()
    assert page.get_by_label("Certificate code").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_holder_downloads_their_certificate_from_my_certificates(page):
    user = holder(name="王小明", language="zh-hans")
    certificate = issued_certificate(user=user, course=CourseFactory(title="Language access"))
    login(page, user.username)
    page.goto("/certificates/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        # The page is in the holder's language (Chinese): find the link by its address.
        page.locator(f'a[href$="/certificates/{certificate.display_code}.pdf"]').first.click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        content = handle.read()
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "王小明" in text
    assert certificate.display_code in text


def test_holder_downloads_from_learn_and_anyone_verifies_the_printed_code(page, browser, live_server):
    import re

    user = holder(name="Nguyễn Thị Hương", language="en")
    issued_certificate(user=user, course=CourseFactory(title="Implicit bias"))
    login(page, user.username)
    page.goto("/learn/")
    panel = page.get_by_role("region", name="My certificates")
    with page.expect_download() as download_info:
        panel.get_by_role("link", name="Download PDF").first.click()
    with open(download_info.value.path(), "rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "Nguyễn Thị Hương" in text
    printed = re.search(r"\b([2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){3})\b", text).group(1)
    # Someone shown the paper types the code, without logging in, in lower case with spaces.
    visitor = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    visitor.goto("/verify/")
    visitor.get_by_label("Certificate code").fill(printed.lower().replace("-", " "))
    visitor.get_by_role("button", name="Verify").click()
    visitor.wait_for_url(f"**/verify/{printed}/")
    assert visitor.get_by_role("heading", name="This certificate is genuine and valid.").is_visible()
    assert visitor.get_by_text("Implicit bias").is_visible()
    assert_accessible(visitor)
    visitor.context.close()


def test_my_certificates_empty_state_is_accessible(page):
    user = holder(name="Ana Ruiz", language="en")
    login(page, user.username)
    page.goto("/certificates/")
    assert page.get_by_text("You have no certificates yet").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_expired_and_revoked_results_are_accessible_and_not_said_by_colour_alone(page, state):
    import datetime

    from django.utils import timezone

    from certificates import services
    from tests.factories import training_admin

    certificate = issued_certificate(user=holder(name="Ana Ruiz", language="en"))
    if state == "expired":
        certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
        certificate.save()
    else:
        services.certificate_revoke(certificate=certificate, by=training_admin(), reason="Recorded in error")
    page.goto(f"/verify/{certificate.display_code}/")
    heading = {"expired": "This certificate is genuine but has expired.", "revoked": "This certificate was revoked."}
    assert page.get_by_role("heading", name=heading[state]).is_visible()
    badge = page.locator(".verify-result .badge")
    assert badge.inner_text().startswith("✗") and state.capitalize() in badge.inner_text()
    assert_accessible(page)
