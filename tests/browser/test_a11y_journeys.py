"""Accessibility beyond axe, in a real browser: keyboard-only use with a visible focus indicator and a
skip link, reduced motion, pasting passwords, errors linked to their fields, captions and transcripts,
no silent time limits, states told in text as well as colour."""

import datetime

import pytest
from django.utils import timezone

from courses.scheduling import services as scheduling
from courses.scheduling.models import Registration
from tests.browser.a11y import focus_indicator, moving_elements, states_without_text
from tests.browser.test_a11y_pages import DEPARTMENT_HEAD, EMPLOYEE, FACILITATOR, PAGES, ROLES, build_site, log_in
from tests.cms import factories as cms
from tests.courses.factories import course_with_every_kind, enrolled, learner
from tests.factories import facilitator
from tests.scheduling.factories import SessionFactory, registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TAB_LIMIT = 80


def tab_to(page, selector):
    """Press Tab until `selector` has the focus, checking that every element on the way shows it."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        indicator = focus_indicator(page)
        assert indicator == "visible", indicator
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} (at {page.url})")


def log_in_with_the_keyboard(page, username):
    page.goto("/accounts/login/")
    page.wait_for_function("document.activeElement.id === 'id_username'")  # autofocus
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("commonground")
    page.keyboard.press("Enter")
    page.wait_for_url("**/learn/")


def skip_to_main(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def running_session(**kwargs):
    """A session that started ten minutes ago: check-in is open."""
    now = timezone.now()
    return SessionFactory(
        starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=1), **kwargs
    )


def test_a_learner_enrols_in_and_completes_a_course_with_the_keyboard_alone(page, site_root):
    course, modules = course_with_every_kind(title="Foundations", slug="foundations")
    course_page = cms.course_page(cms.course_index(site_root), course)
    learner(user__username="keys")

    page.goto("/accounts/login/")
    page.wait_for_function("document.activeElement.id === 'id_username'")  # autofocus
    page.keyboard.type("keys")
    page.keyboard.press("Tab")
    page.keyboard.type("commonground")
    page.keyboard.press("Enter")
    page.wait_for_url("**/learn/")

    page.goto(course_page.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "form[action$='/enrol/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/learn/{course.slug}/")
    tab_to(page, f"a.button[href='/learn/{course.slug}/{modules['reading'].pk}/']")
    page.keyboard.press("Enter")

    for kind in ("reading", "video"):
        page.wait_for_url(f"**/{modules[kind].pk}/")
        tab_to(page, ".complete-form button")
        page.keyboard.press("Enter")

    page.wait_for_url(f"**/{modules['quiz'].pk}/")
    for question in modules["quiz"].questions.all():
        right = question.choices.get(is_correct=True)
        tab_to(page, f"input[name='question-{question.pk}']")
        while page.evaluate("document.activeElement.id") != f"choice-{right.pk}":
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    tab_to(page, "#quiz button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/attempts/*/")
    tab_to(page, f"a.button[href='/learn/{course.slug}/{modules['reflection'].pk}/']")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/{modules['reflection'].pk}/")
    tab_to(page, "#id_text")
    page.keyboard.type("Our permit counter only opens during working hours.")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/learn/{course.slug}/complete/")
    assert page.locator("h1").inner_text() == "Congratulations!"


def test_nothing_moves_when_the_reader_prefers_reduced_motion(browser, live_server, site_root):
    course, modules = course_with_every_kind(title="Foundations", slug="foundations")
    cms.course_page(cms.course_index(site_root), course)
    user = learner(user__username="still")
    enrolled(user, course)
    context = browser.new_context(base_url=live_server.url, reduced_motion="reduce")
    page = context.new_page()
    try:
        log_in(page, "still")
        for url in ("/", "/courses/foundations/", "/learn/", f"/learn/foundations/{modules['quiz'].pk}/"):
            page.goto(url)
            assert moving_elements(page) == [], url
    finally:
        context.close()


def test_login_accepts_pasted_passwords_and_password_managers(page):
    learner(user__username="paster")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/accounts/login/")

    assert page.get_attribute("#id_username", "autocomplete") == "username"
    assert page.get_attribute("#id_password", "autocomplete") == "current-password"
    assert page.locator("[onpaste], [oncopy], [oncut]").count() == 0
    page.evaluate("navigator.clipboard.writeText('commonground')")
    page.fill("#id_username", "paster")
    page.focus("#id_password")
    page.keyboard.press("Control+V")
    assert page.input_value("#id_password") == "commonground"
    page.keyboard.press("Enter")
    page.wait_for_url("**/learn/")


def test_login_errors_are_announced_and_linked_to_the_fields(page):
    learner(user__username="typo")
    page.goto("/accounts/login/")
    page.fill("#id_username", "typo")
    page.fill("#id_password", "wrong password")
    page.click("main button[type=submit]")

    alert = page.get_by_role("alert")
    for field in ("#id_username", "#id_password"):
        assert page.get_attribute(field, "aria-invalid") == "true"
        described = page.get_attribute(field, "aria-describedby")
        assert page.locator(f"#{described}").inner_text() in alert.inner_text()
        assert "username" in page.locator(f"#{described}").inner_text().lower()


def test_reflection_errors_are_announced_and_linked_to_the_field(page):
    course, modules = course_with_every_kind(title="Foundations", slug="foundations")
    user = learner(user__username="brief")
    enrolled(user, course)
    log_in(page, "brief")
    page.goto(f"/learn/foundations/{modules['reflection'].pk}/")
    page.fill("#id_text", "Too short.")
    page.click("button[value=submit]")

    assert page.get_by_role("alert").is_visible()
    assert page.get_attribute("#id_text", "aria-invalid") == "true"
    described = page.get_attribute("#id_text", "aria-describedby").split()
    errors = [page.locator(f"#{id_}").inner_text() for id_ in described if "error" in id_]
    assert errors and errors[0] in page.get_by_role("alert").inner_text()


def test_a_video_module_has_captions_and_a_visible_transcript(page):
    course, modules = course_with_every_kind(title="Foundations", slug="foundations")
    user = learner(user__username="viewer")
    enrolled(user, course)
    log_in(page, "viewer")
    page.goto(f"/learn/foundations/{modules['video'].pk}/")

    track = page.locator("video track[kind=captions]")
    assert track.count() == 1
    assert track.get_attribute("srclang") == "en"
    transcript = page.locator("section.transcript")
    assert transcript.is_visible()
    assert modules["video"].transcript in transcript.inner_text()


def test_an_employee_registers_for_a_session_with_the_keyboard_alone(page):
    session = SessionFactory(capacity=5)
    user = learner(user__username="booker")

    log_in_with_the_keyboard(page, "booker")
    page.goto(f"/sessions/{session.pk}/")
    skip_to_main(page)
    tab_to(page, f"form[action='/sessions/{session.pk}/register/'] button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_selector("#registration-status")

    assert "Booked" in page.locator("#registration-status").inner_text()
    assert Registration.objects.get(session=session, user=user).state == Registration.State.BOOKED
    tab_to(page, f"a[href='/sessions/{session.pk}/cancel/']")  # and the way out is reachable too


def test_an_employee_checks_in_with_the_typed_code_with_the_keyboard_alone(page):
    session = running_session()
    user = learner(user__username="arriving")
    registration(session, user=user)

    log_in_with_the_keyboard(page, "arriving")
    page.goto("/checkin/")
    skip_to_main(page)
    tab_to(page, "#id_code")
    page.keyboard.type(scheduling.checkin_code(session).lower())  # as typed from the screen, any case
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/checkin/done/*/")

    assert "Your attendance is recorded" in page.locator("#checkin-result").inner_text()
    assert Registration.objects.get(session=session, user=user).state == Registration.State.ATTENDED


def test_the_typed_code_form_has_no_time_limit_and_says_when_a_code_has_expired(page):
    """The code on the screen rotates, the form does not: it neither refreshes nor expires, and a
    code typed too late gets a message linked to the field, with the form ready for the new code."""
    session = running_session()
    user = learner(user__username="late")
    registration(session, user=user)
    log_in(page, "late")
    page.goto("/checkin/")
    assert page.locator("meta[http-equiv=refresh]").count() == 0

    stale = scheduling.checkin_code(session, timezone.now() - datetime.timedelta(minutes=5))
    page.fill("#id_code", stale)
    page.press("#id_code", "Enter")
    alert = page.get_by_role("alert")

    assert "expired" in alert.inner_text()
    assert page.get_attribute("#id_code", "aria-invalid") == "true"
    described = page.get_attribute("#id_code", "aria-describedby").split()
    assert any("expired" in page.locator(f"#{id_}").inner_text() for id_ in described)
    assert Registration.objects.get(session=session, user=user).state == Registration.State.BOOKED
    page.fill("#id_code", scheduling.checkin_code(session))
    page.press("#id_code", "Enter")
    page.wait_for_url("**/checkin/done/*/")


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_check_in_countdown_respects_reduced_motion(browser, live_server, motion):
    session = running_session(facilitators=[facilitator(username="host")])
    context = browser.new_context(base_url=live_server.url, reduced_motion=motion)
    page = context.new_page()
    try:
        log_in(page, "host")
        page.goto(f"/facilitate/sessions/{session.pk}/checkin/")
        assert page.locator("#checkin-code").is_visible()
        if motion == "reduce":
            assert moving_elements(page) == []
            assert not page.locator("#checkin-progress").is_visible()  # the moving bar is left out
        else:
            assert page.locator("#checkin-progress").is_visible()
        assert page.locator("#checkin-countdown").is_visible()  # the time left is still told, in text
    finally:
        context.close()


def test_registration_compliance_and_request_states_are_told_in_text_not_colour_alone(browser, live_server, site_root):
    site = build_site(site_root, "en")
    pages = {
        EMPLOYEE: ["/learn/", f"/sessions/{site.session.pk}/", "/certificates/", site.circle.url],
        DEPARTMENT_HEAD: ["/compliance/", f"/compliance/department/{site.department.pk}/", "/requests/"],
        FACILITATOR: ["/facilitate/", f"/facilitate/sessions/{site.running.pk}/roster/"],
    }
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = []
    try:
        for role, urls in pages.items():
            context.clear_cookies()
            log_in(page, site.users[role])
            for url in urls:
                page.goto(url)
                problems += [f"{url}: {element}" for element in states_without_text(page)]
        assert page.locator(".state-attended td.roster-state").last.inner_text() == "Attended"  # the state column
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_every_control_of_every_page_shows_the_focus_indicator(browser, live_server, site_root):
    """Tab through each page of the accessibility table once round, as its role."""
    site = build_site(site_root, "en")
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = []
    try:
        for role in ROLES:
            context.clear_cookies()
            if role in site.users:
                log_in(page, site.users[role])
            for visit in (v for v in PAGES if v.role == role):
                page.goto(visit.url(site))
                if visit.act is not None:
                    visit.act(page, site)
                seen = []
                for _ in range(TAB_LIMIT * 2):
                    page.keyboard.press("Tab")
                    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
                    if focused in seen:
                        break  # round the page once
                    seen.append(focused)
                    indicator = focus_indicator(page)
                    if indicator not in ("visible", ""):
                        problems.append(f"{visit.name} ({page.url}): {indicator}")
                if len(seen) < 2:
                    problems.append(f"{visit.name} ({page.url}): Tab reached nothing")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_check_in_confirmation_left_open_too_long_says_so_and_offers_the_typed_code(page, time_machine):
    """Scanning the QR code, then leaving the confirmation page open until the code is old, does not
    fail silently: the person is told and gets the form for the code on the screen now."""
    session = running_session()
    user = learner(user__username="scanner")
    registration(session, user=user)
    log_in(page, "scanner")
    page.goto(f"/checkin/{scheduling.checkin_code(session)}/")
    page.wait_for_selector("main form button[type=submit]")

    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=15))
    page.click("main form button[type=submit]")

    assert "expired" in page.get_by_role("alert").inner_text()
    assert page.locator("#id_code").is_visible()
    assert Registration.objects.get(session=session, user=user).state == Registration.State.BOOKED
    page.fill("#id_code", scheduling.checkin_code(session))
    page.press("#id_code", "Enter")
    page.wait_for_url("**/checkin/done/*/")
