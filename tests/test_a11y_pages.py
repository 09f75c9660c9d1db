"""WCAG 2.2 AA in a real browser: every page type, as the person who uses it, in English and in Arabic
(right to left). One live server and one browser context per language; the data is built once per
language and every page is checked, so one run reports every problem with its URL.

To add a page: add a `Visit` to PAGES (and what it needs to `build_site`); a new role: add it to
ROLES and create its user in `build_site`."""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import translation

from courses import services
from tests import factories_cms as cms
from tests.a11y import axe_violations, small_targets
from tests.factories import CourseFactory, ReadingModuleFactory
from tests.factories_certificates import issued_certificate
from tests.factories_curricula import city_with_compliance
from tests.factories_learner import course_with_every_kind, enrolled, learner, wrong_answers
from tests.factories_scheduling import SessionFactory, registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ANONYMOUS = "anonymous"
EMPLOYEE = "employee"
DEPARTMENT_HEAD = "department head"
ROLES = [ANONYMOUS, EMPLOYEE, DEPARTMENT_HEAD]  # visited in this order; each logs in afresh


@dataclass(frozen=True)
class Visit:
    name: str
    role: str
    url: Callable[[SimpleNamespace], str]


PAGES = [
    Visit("home", ANONYMOUS, lambda site: "/"),
    Visit("course page", ANONYMOUS, lambda site: site.course_page.url),
    Visit("resource hub", ANONYMOUS, lambda site: site.hub.url),
    Visit("resource hub search", ANONYMOUS, lambda site: site.hub.url + "?q=equity"),
    Visit("resource", ANONYMOUS, lambda site: site.resource.url),
    Visit("verify form", ANONYMOUS, lambda site: "/verify/"),
    Visit("verify result", ANONYMOUS, lambda site: f"/verify/{site.certificate.display_code}/"),
    Visit("login", ANONYMOUS, lambda site: "/accounts/login/"),
    Visit("password reset", ANONYMOUS, lambda site: "/accounts/password_reset/"),
    Visit("my learning", EMPLOYEE, lambda site: "/learn/"),
    Visit("course page, enrolled", EMPLOYEE, lambda site: site.course_page.url),
    Visit("course overview", EMPLOYEE, lambda site: f"/learn/{site.course.slug}/"),
    *(
        Visit(f"player: {kind}", EMPLOYEE, lambda site, kind=kind: site.module_urls[kind])
        for kind in ("reading", "video", "quiz", "reflection", "live_session")
    ),
    Visit("player: quiz feedback", EMPLOYEE, lambda site: site.attempt_url),
    Visit("completion", EMPLOYEE, lambda site: f"/learn/{site.completed_course.slug}/complete/"),
    Visit("sessions", EMPLOYEE, lambda site: "/sessions/"),
    Visit("session", EMPLOYEE, lambda site: f"/sessions/{site.session.pk}/"),
    Visit("compliance", DEPARTMENT_HEAD, lambda site: "/compliance/"),
    Visit("compliance drill-down", DEPARTMENT_HEAD, lambda site: f"/compliance/department/{site.department.pk}/"),
]


def build_site(site_root, language):
    """Everything the pages in PAGES show, for a learner whose language is `language`."""
    with translation.override("en"):
        course, modules = course_with_every_kind(live_session=True, title="Foundations", slug="foundations")
        index = cms.course_index(site_root)
        course_page = cms.course_page(index, course, body=[{"type": "paragraph", "value": "<p>For everyone.</p>"}])
        hub = cms.resource_hub(site_root, intro="<p>Guides and toolkits on equity.</p>")
        resource = cms.resource_page(
            hub,
            title="Equity glossary",
            summary="Words we use about equity.",
            topics=[cms.topic("anti-racism")],
            body=[
                {"type": "heading", "value": "Key terms"},
                {"type": "paragraph", "value": "<p>Equity means fair outcomes for every resident.</p>"},
            ],
        )
        user = learner(user__username="learner", preferred_language=language)
        enrollment = enrolled(user, course)
        attempt = services.quiz_submit(
            enrollment=enrollment,
            quiz=modules["quiz"],
            answers={k.removeprefix("question-"): v for k, v in wrong_answers(modules["quiz"]).items()},
        )
        completed_course = CourseFactory(title="Language access", slug="language-access")
        reading = ReadingModuleFactory(course=completed_course, position=1)
        services.module_acknowledge(enrollment=enrolled(user, completed_course), module=reading)
        certificate = issued_certificate(user=learner(preferred_language="en"), course=completed_course)
        session = SessionFactory(course=course)
        registration(session, user=user)
        city = city_with_compliance()
    base = f"/learn/{course.slug}"
    return SimpleNamespace(
        users={EMPLOYEE: "learner", DEPARTMENT_HEAD: city["head"].username},
        course=course,
        course_page=course_page,
        hub=hub,
        resource=resource,
        module_urls={kind: f"{base}/{module.pk}/" for kind, module in modules.items()},
        attempt_url=f"{base}/{modules['quiz'].pk}/attempts/{attempt.pk}/",
        completed_course=completed_course,
        certificate=certificate,
        session=session,
        department=city["parks"],
    )


def log_in(page, username, password="commonground"):
    """Log in through the form, by field ids (the labels are in the page's language)."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the verify page rate-limits by address
    yield
    cache.clear()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_meets_wcag_2_2_aa(browser, live_server, site_root, language):
    site = build_site(site_root, language)
    context = browser.new_context(base_url=live_server.url, locale="ar" if language == "ar" else "en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []
    try:
        for role in ROLES:
            context.clear_cookies()
            if role in site.users:
                log_in(page, site.users[role])
            for visit in (v for v in PAGES if v.role == role):
                url = visit.url(site)
                response = page.goto(url)
                where = f"{visit.name} ({url} → {page.url})"
                if response is None or response.status != 200:
                    problems.append(f"{where}: HTTP {response.status if response else 'no response'}")
                    continue
                direction = page.evaluate("document.documentElement.dir")
                if direction != ("rtl" if language == "ar" else "ltr"):
                    problems.append(f"{where}: dir={direction}")
                problems += [f"{where}: {problem}" for problem in axe_violations(page)]
                problems += [f"{where}: target smaller than 24×24 px: {target}" for target in small_targets(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
