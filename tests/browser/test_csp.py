"""The Content-Security-Policy holds in a real browser: walking the site's main pages and the main
Wagtail admin screens raises no `securitypolicyviolation` event."""

import pytest
from django.utils import translation

from tests.certificates.factories import issued_certificate
from tests.cms import factories as cms
from tests.conftest import login
from tests.courses.factories import course_with_every_kind, enrolled, learner
from tests.curricula.factories import city_with_compliance
from tests.factories import UserFactory, training_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Every violation the page reports, kept across navigations in sessionStorage.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  const seen = JSON.parse(sessionStorage.getItem("csp-violations") || "[]");
  seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
  sessionStorage.setItem("csp-violations", JSON.stringify(seen));
});
"""


def violations(page, paths) -> list[str]:
    found = []
    page.add_init_script(LISTEN)
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, f"{path}: {response.status}"
        assert "Content-Security-Policy" in {name.title() for name in response.headers} or response.headers.get(
            "content-security-policy"
        ), path
        page.wait_for_load_state("networkidle")
        seen = page.evaluate("JSON.parse(sessionStorage.getItem('csp-violations') || '[]')")
        page.evaluate("sessionStorage.removeItem('csp-violations')")
        found += [f"{path}: {violation}" for violation in seen]
    return found


@pytest.fixture
def world(site_root):
    with translation.override("en"):
        course, modules = course_with_every_kind(live_session=True, title="Foundations", slug="foundations")
        index = cms.course_index(site_root)
        page = cms.course_page(index, course)
        hub = cms.resource_hub(site_root)
        resource = cms.resource_page(hub, title="Equity glossary", summary="Words.")
        employee = learner(user__username="learner")
        enrolled(employee, course)
        certificate = issued_certificate(user=employee, course=course)
        city_with_compliance()
        training_admin(username="trainingadmin", is_staff=True)
        UserFactory(username="root", is_superuser=True, is_staff=True)
    return {"course": course, "page": page, "certificate": certificate, "resource": resource}


def test_the_sites_main_pages_raise_no_policy_violation(page, world):
    public = ["/", "/courses/", "/courses/foundations/", "/resources/", f"/verify/{world['certificate'].display_code}/"]
    found = violations(page, public + ["/accounts/login/", "/accounts/password_reset/"])
    login(page, "learner")
    found += violations(page, ["/learn/", "/learn/foundations/", "/sessions/", "/self-identification/"])
    assert not found, "\n".join(found)


def test_the_main_admin_screens_raise_no_policy_violation(page, world):
    course, course_page = world["course"], world["page"]
    login(page, "root")
    found = violations(
        page,
        [
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{course_page.pk}/",
            f"/admin/pages/{course_page.pk}/edit/",
            "/admin/snippets/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/courses/",
            f"/admin/courses/edit/{course.pk}/",
            "/admin/curricula/",
            "/admin/curricula/new/",
            "/admin/people/employees/",
            "/admin/people/departments/",
            "/admin/reports/missing-translations/",
        ],
    )
    assert not found, "\n".join(found)


def test_wagtails_own_inline_scripts_run_with_the_nonce(page, world):
    """The resource page form has an inline panel (topics) and a date picker, both initialised by
    inline scripts that carry the request's nonce: they run, and nothing is blocked."""
    login(page, "root")
    found = violations(page, [f"/admin/pages/{world['resource'].pk}/edit/"])
    policy = page.evaluate("document.querySelector('script[nonce]') !== null")
    assert policy, "no inline script carries the nonce"
    topics = page.locator("[id^='inline_child_topic_links-']")
    before = topics.count()
    page.get_by_role("button", name="Add Topics").click()
    topics.nth(before).wait_for()  # InlinePanel's script ran: the button adds a topic form
    # The pickers' inline scripts ran: each builds its (hidden) calendar.
    assert page.locator(".xdsoft_datetimepicker").count() >= 1
    found += page.evaluate("JSON.parse(sessionStorage.getItem('csp-violations') || '[]')")
    assert not found, "\n".join(found)
