"""WCAG 2.2 AA in a real browser: every page type, as the person who uses it, in English and in Arabic
(right to left). One live server and one browser context per language; the data is built once per
language and every page is checked, so one run reports every problem with its URL.

To add a page: add a `Visit` to PAGES (and what it needs to `build_site`); a new role: add it to
ROLES and create its user in `build_site`. A `Visit` may `act` on the page after loading it (fill in
and send a form) to check the state that follows, such as a preview or an error."""

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone, translation

from cms.models import ReadingCirclePage, ReadingCirclesIndexPage
from courses.catalogue import services
from courses.catalogue.models import Course
from courses.curricula.models import ExportJob
from courses.insights import figures, releases, standards, tables
from courses.insights import services as insights
from courses.insights.models import InsightsSnapshot
from courses.scheduling import services as scheduling
from courses.scheduling.models import Registration
from courses.scheduling.requests import services as requests
from tests.browser.a11y import (
    REFLOW_WIDTH,
    axe_violations,
    horizontal_overflow,
    scroll_boxes_without_cue,
    small_targets,
)
from tests.certificates.factories import issued_certificate
from tests.cms import factories as cms
from tests.courses.factories import course_with_every_kind, enrolled, learner, wrong_answers
from tests.curricula.factories import city_with_compliance
from tests.evaluations.factories import past_session, respond
from tests.factories import (
    CourseFactory,
    EmployeeFactory,
    LiveSessionModuleFactory,
    ReadingModuleFactory,
    facilitator,
    quiz_with_questions,
    training_admin,
)
from tests.insights.factories import analyst, answer
from tests.scheduling.factories import SessionFactory, employee_user, registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ANONYMOUS = "anonymous"
EMPLOYEE = "employee"
DEPARTMENT_HEAD = "department head"
FACILITATOR = "facilitator"
TRAINING_ADMIN = "training admin"
ANALYST = "equity analyst"
ROLES = [
    ANONYMOUS,
    EMPLOYEE,
    DEPARTMENT_HEAD,
    FACILITATOR,
    TRAINING_ADMIN,
    ANALYST,
]  # in this order; each logs in afresh
State = Registration.State


@dataclass(frozen=True)
class Visit:
    name: str
    role: str
    url: Callable[[SimpleNamespace], str]
    act: Callable | None = None  # act(page, site) after loading the page; its result is checked
    shows: tuple[str, ...] = ()  # selectors that must be on the page: it shows the state under test


def type_wrong_code(page, site):
    page.fill("#id_code", "ZZZZZZ")
    page.click("main button[type=submit]")
    page.wait_for_selector("[role=alert]")


def preview_new_series(page, site):
    page.select_option("#id_course", str(site.circle_course.pk))
    page.fill("#id_start_date", (timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.fill("#id_start_time", "10:00")
    page.fill("#id_end_time", "12:00")
    page.check("input[name=pattern][value=weekly]")
    page.check("input[name=weekdays][value=TU]")
    page.fill("#id_room", "Main Library, room B")
    page.fill("#id_capacity", "12")
    page.click("#preview-button")
    page.wait_for_selector("#preview-result .preview-dates")


def preview_series_change(page, site):
    page.click("#preview-button")
    page.wait_for_selector("#preview-result .preview-dates")


def send_empty_self_identification(page, site):
    page.click("main form.self-identification-form button[type=submit]")
    page.wait_for_selector("[role=alert]")


def send_empty_evaluation(page, site):
    page.click("main form.evaluation-form button[type=submit]")
    page.wait_for_selector("[role=alert]")


def search_walk_in(page, site):
    page.fill("#walk-in-search", "Ruiz")
    page.press("#walk-in-search", "Enter")
    page.wait_for_selector(".candidates")


def unfold_accommodation(page, site):
    page.click("details.accommodation > summary")
    page.wait_for_selector("details.accommodation[open] fieldset")


def preview_curriculum(page, site):
    page.fill("#id_name", "Anti-Racism Foundations for New Hires")
    page.fill("#id_slug", "anti-racism-new-hires")
    page.check(f"input[name=courses][value='{site.course.pk}']")
    page.click("button[name=action][value=preview]")
    page.wait_for_selector("#preview-people")


def search_curriculum_preview_for_nobody(page, site):
    preview_curriculum(page, site)
    page.fill("#preview-q", "nobody-like-this")
    with page.expect_navigation():
        page.press("#preview-q", "Enter")
    page.wait_for_selector("#preview-people")


def open_missing_page(page, site):
    page.goto("/sessions/no-such-page/")


def ask_for_a_garbage_month(page, site):
    page.goto("/sessions/calendar/?month=9999-99")


def send_a_nul_byte(page, site):
    page.goto("/verify/?code=a%00b")


def sign_in_while_locked_out(page, site):
    page.fill("#id_username", "lockedout")
    page.fill("#id_password", "commonground")
    page.click("main button[type=submit]")
    page.wait_for_selector("main h1")


LONG_ROOM = "Albuquerque Government Center, Conference Room 9081 (Basement Level, Marquette Avenue Entrance)"
REFLOW_WIDTHS = [REFLOW_WIDTH, 390]  # the WCAG minimum, and a common phone


def insights_figures_of_the_city(city, course):
    """The protected figures of the city of `city_with_compliance` only: the walk's site has a department
    for nearly every person its factories make, and solving the suppression for all of them takes
    minutes. The same `figures.build` as the nightly task, on the city's part of what `gather` reads,
    with pre- and post-test scores for the Parks people who answered (so knowledge gain has a table)."""
    kept = {city[name].pk for name in ("root", "parks", "trails", "police")}
    curriculum = city["curriculum"].pk
    k = figures.min_cell()
    for question in standards.questions():
        data = figures.gather(question)
        data["departments"] = [(pk, path) for pk, path in data["departments"] if pk in kept]
        data["parents"] = {pk: parent for pk, parent in data["parents"].items() if pk in kept}
        data["employees"] = {user: dept for user, dept in data["employees"].items() if dept in kept}
        data["curricula"] = [row for row in data["curricula"] if row[0] == curriculum]
        data["assignments"] = [row for row in data["assignments"] if row[1] == curriculum]
        data["rollup"] = [row for row in data["rollup"] if row[0] in kept]
        answered = sorted(user for user in data["groups_of"] if data["employees"].get(user) == city["parks"].pk)
        data["scores"] = {(user, course.pk): (40 + n, 70 + n) for n, user in enumerate(answered)}
        data["gain_courses"] = [course.pk] if answered else []
        InsightsSnapshot.objects.create(
            question=question.key, taken_at=timezone.now(), k=k, data=figures.build(question, data, k)
        )


def while_figures_are_rebuilt(page, site):
    """The figures pages while no snapshot is current (the threshold changed) and a rebuild is queued."""
    cache.set(insights.REFRESH_QUEUED_KEY, "walk", None)
    try:
        with override_settings(AGGREGATE_MIN_CELL=figures.min_cell() + 1):
            page.reload()
            page.wait_for_selector("main h1")
    finally:
        cache.delete(insights.REFRESH_QUEUED_KEY)


def while_the_organisation_is_held_back(page, site):
    """The figures pages while the organisation's row is held back from the release (a lone withdrawal
    would stand out in it: courses/insights/releases.py)."""
    snapshots = list(InsightsSnapshot.objects.all())
    saved = {snapshot.pk: copy.deepcopy(snapshot.data) for snapshot in snapshots}
    try:
        for snapshot in snapshots:
            figures.withhold(snapshot.data, {releases.GROUPS: {tables.ALL}})
            snapshot.save(update_fields=["data"])
        page.reload()
        page.wait_for_selector("main h1")
    finally:
        for snapshot in snapshots:
            snapshot.data = saved[snapshot.pk]
            snapshot.save(update_fields=["data"])


FIGURES = (".insights-table", ".insights-nav [aria-current=page]")
OVERVIEW = ("#scope-heading", ".insights-nav [aria-current=page]")
INSIGHTS_PAGES = [
    Visit("insights: overview, analyst", ANALYST, lambda site: "/insights/", shows=OVERVIEW),
    Visit(
        "insights: curricula, analyst",
        ANALYST,
        lambda site: "/insights/curricula/",
        shows=(*FIGURES, ".department-choice"),
    ),
    Visit("insights: knowledge gain, analyst", ANALYST, lambda site: "/insights/knowledge-gain/", shows=FIGURES),
    Visit("insights: participation, analyst", ANALYST, lambda site: "/insights/participation/", shows=FIGURES),
    Visit("insights: representation, analyst", ANALYST, lambda site: "/insights/representation/", shows=FIGURES),
    Visit("insights: trends, analyst", ANALYST, lambda site: "/insights/trends/", shows=(*FIGURES, ".line-chart svg")),
    Visit(
        "insights: curricula, held back",
        ANALYST,
        lambda site: "/insights/curricula/",
        act=while_the_organisation_is_held_back,
        shows=("main .callout[role=status]",),
    ),
    Visit(
        "insights: overview, held back",
        ANALYST,
        lambda site: "/insights/",
        act=while_the_organisation_is_held_back,
        shows=("main .callout[role=status]", "main form button"),
    ),
    Visit("insights: overview, department head", DEPARTMENT_HEAD, lambda site: "/insights/", shows=OVERVIEW),
    Visit(
        "insights: curricula, department head",
        DEPARTMENT_HEAD,
        lambda site: "/insights/curricula/",
        shows=(*FIGURES, ".insights-table .suppressed"),
    ),
    Visit(
        "insights: knowledge gain, department head",
        DEPARTMENT_HEAD,
        lambda site: "/insights/knowledge-gain/",
        shows=(".insights-nav [aria-current=page]",),
    ),
    Visit(
        "insights: participation, department head",
        DEPARTMENT_HEAD,
        lambda site: "/insights/participation/",
        shows=FIGURES,
    ),
    Visit(
        "insights: representation, too few in Trails",
        DEPARTMENT_HEAD,
        lambda site: f"/insights/representation/?department={site.trails.pk}",
        shows=("main .callout[role=status]",),
    ),
    Visit("insights: trends, department head", DEPARTMENT_HEAD, lambda site: "/insights/trends/", shows=FIGURES),
    Visit(
        "insights: figures being prepared",
        TRAINING_ADMIN,
        lambda site: "/insights/",
        act=while_figures_are_rebuilt,
        shows=(".insights-nav",),
    ),
]


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
    Visit("page not found", ANONYMOUS, lambda site: "/verify/", act=open_missing_page, shows=(".error-page",)),
    Visit("bad request", ANONYMOUS, lambda site: "/verify/", act=send_a_nul_byte, shows=(".error-page",)),
    Visit(
        "signing in is locked",
        ANONYMOUS,
        lambda site: "/accounts/login/",
        act=sign_in_while_locked_out,
        shows=(".error-page a[href$='/password_reset/']",),
    ),
    Visit("password change", EMPLOYEE, lambda site: "/accounts/password_change/", shows=("#id_old_password",)),
    Visit(
        "my learning",
        EMPLOYEE,
        lambda site: "/learn/",
        shows=("#required-training-heading", ".required-training .status", "#calendar-feed", "#feed-url"),
    ),
    Visit("course page, enrolled", EMPLOYEE, lambda site: site.course_page.url),
    Visit("course overview", EMPLOYEE, lambda site: f"/learn/{site.course.slug}/", shows=(".required-for-you",)),
    Visit("catalogue, required for you", EMPLOYEE, lambda site: site.course_index.url, shows=(".required-for-you",)),
    Visit(
        "course overview, modules in order",
        EMPLOYEE,
        lambda site: f"/learn/{site.in_order.slug}/",
        shows=(".module-locked", ".required-for-you"),
    ),
    *(
        Visit(f"player: {kind}", EMPLOYEE, lambda site, kind=kind: site.module_urls[kind])
        for kind in ("reading", "video", "quiz", "reflection", "live_session")
    ),
    Visit("player: quiz feedback", EMPLOYEE, lambda site: site.attempt_url),
    Visit("player: no attempts left", EMPLOYEE, lambda site: site.locked_attempt_url, shows=("#training-contact a",)),
    Visit("player: quiz, locked", EMPLOYEE, lambda site: site.locked_quiz_url, shows=("#training-contact a",)),
    Visit(
        "completion",
        EMPLOYEE,
        lambda site: f"/learn/{site.completed_course.slug}/complete/",
        shows=("#next-steps-heading", "#next-certificate a"),
    ),
    Visit("sessions", EMPLOYEE, lambda site: "/sessions/"),
    Visit("session", EMPLOYEE, lambda site: f"/sessions/{site.session.pk}/", shows=(".accommodation-needs",)),
    Visit(
        "session: change accommodation",
        EMPLOYEE,
        lambda site: f"/sessions/{site.session.pk}/",
        act=unfold_accommodation,
        shows=("#id_acc-interpreter_language",),
    ),
    Visit(
        "session: register with an accommodation",
        EMPLOYEE,
        lambda site: f"/sessions/{site.full.pk}/",
        act=unfold_accommodation,
        shows=("form[action$='/register/'] #id_acc-other",),
    ),
    Visit("my transcript", EMPLOYEE, lambda site: "/certificates/transcript/", shows=("#total-hours",)),
    Visit(
        "sessions: month",
        EMPLOYEE,
        lambda site: f"/sessions/calendar/?month={timezone.localtime(site.session.starts_at):%Y-%m}",
        shows=(".month-grid caption", ".month-days h3", "a[href$='/sessions/calendar/'][aria-current=page]"),
    ),
    Visit(
        "sessions: month, bad value",
        EMPLOYEE,
        lambda site: "/sessions/calendar/",
        act=ask_for_a_garbage_month,
        shows=("[role=alert]",),
    ),
    Visit("session, on now", EMPLOYEE, lambda site: f"/sessions/{site.on_now.pk}/", shows=("#checkin-now a",)),
    Visit("session of a series", EMPLOYEE, lambda site: f"/sessions/{site.meeting.pk}/"),
    Visit("session, full", EMPLOYEE, lambda site: f"/sessions/{site.full.pk}/", shows=("form[action$='/register/']",)),
    Visit("session, cancelled", EMPLOYEE, lambda site: f"/sessions/{site.cancelled.pk}/", shows=(".status-cancelled",)),
    Visit("calendar feed: new address", EMPLOYEE, lambda site: "/calendar/regenerate/"),
    Visit("calendar feed: turn off", EMPLOYEE, lambda site: "/calendar/revoke/", shows=("form button.button-danger",)),
    Visit("my certificates", EMPLOYEE, lambda site: "/certificates/", shows=("main table .badge",)),
    Visit(
        "community session, visitor",
        ANONYMOUS,
        lambda site: f"/sessions/{site.public.pk}/",
        shows=("form.guest-form input",),
    ),
    Visit(
        "community session, visitor asks for an accommodation",
        ANONYMOUS,
        lambda site: f"/sessions/{site.public.pk}/",
        act=unfold_accommodation,
        shows=("form.guest-form #id_acc-other",),
    ),
    Visit(
        "guest's place, with an accommodation",
        ANONYMOUS,
        lambda site: f"/sessions/confirm/{site.guest.confirmation_token}/",
        shows=(".accommodation-needs", "#id_acc-other"),
    ),
    Visit("reading circle, visitor", ANONYMOUS, lambda site: site.circle.url),
    Visit("reading circles", EMPLOYEE, lambda site: site.circles.url),
    Visit("reading circle", EMPLOYEE, lambda site: site.circle.url, shows=(".meeting-guide", "#signup-heading")),
    Visit("check in: typed code", EMPLOYEE, lambda site: "/checkin/"),
    Visit("check in: wrong code", EMPLOYEE, lambda site: "/checkin/", act=type_wrong_code, shows=("[role=alert]",)),
    Visit(
        "check in: scanned code",
        EMPLOYEE,
        lambda site: f"/checkin/{scheduling.checkin_code(site.running)}/",
        shows=("main form button[type=submit]",),
    ),
    Visit("check in: done", EMPLOYEE, lambda site: f"/checkin/done/{site.running.pk}/", shows=("#checkin-result",)),
    Visit("compliance", DEPARTMENT_HEAD, lambda site: "/compliance/"),
    Visit("compliance drill-down", DEPARTMENT_HEAD, lambda site: f"/compliance/department/{site.department.pk}/"),
    Visit(
        "my exports",
        DEPARTMENT_HEAD,
        lambda site: "/compliance/exports/",
        shows=("progress", "a[href$='/download/']"),
    ),
    Visit(
        "export being prepared",
        DEPARTMENT_HEAD,
        lambda site: f"/compliance/exports/{site.export_running.pk}/",
        shows=("progress",),
    ),
    Visit(
        "export ready",
        DEPARTMENT_HEAD,
        lambda site: f"/compliance/exports/{site.export_ready.pk}/",
        shows=("a[href$='/download/']",),
    ),
    Visit(
        "export failed",
        DEPARTMENT_HEAD,
        lambda site: f"/compliance/exports/{site.export_failed.pk}/",
        shows=("[role=alert]",),
    ),
    Visit("training requests", DEPARTMENT_HEAD, lambda site: "/requests/"),
    Visit("training request form", DEPARTMENT_HEAD, lambda site: "/requests/new/"),
    Visit(
        "training request",
        DEPARTMENT_HEAD,
        lambda site: f"/requests/{site.request.pk}/",
        shows=("form[action$='/withdraw/']",),
    ),
    Visit("facilitate", FACILITATOR, lambda site: "/facilitate/"),
    Visit("facilitate: past sessions", FACILITATOR, lambda site: "/facilitate/?when=past"),
    Visit("new series", FACILITATOR, lambda site: "/facilitate/series/new/"),
    Visit("new series: preview", FACILITATOR, lambda site: "/facilitate/series/new/", act=preview_new_series),
    Visit("series", FACILITATOR, lambda site: f"/facilitate/series/{site.series.pk}/"),
    Visit("series edit", FACILITATOR, lambda site: f"/facilitate/series/{site.series.pk}/edit/"),
    Visit(
        "series edit: preview",
        FACILITATOR,
        lambda site: f"/facilitate/series/{site.series.pk}/edit/",
        act=preview_series_change,
    ),
    Visit("new session", FACILITATOR, lambda site: "/facilitate/sessions/new/"),
    Visit("session edit", FACILITATOR, lambda site: f"/facilitate/sessions/{site.running.pk}/edit/"),
    Visit("meeting edit", FACILITATOR, lambda site: f"/facilitate/sessions/{site.meeting.pk}/edit/"),
    Visit("meeting skip", FACILITATOR, lambda site: f"/facilitate/sessions/{site.meeting.pk}/skip/"),
    Visit(
        "session cancel",
        FACILITATOR,
        lambda site: f"/facilitate/sessions/{site.running.pk}/cancel/",
        shows=("main form textarea",),
    ),
    Visit(
        "roster",
        FACILITATOR,
        lambda site: f"/facilitate/sessions/{site.running.pk}/roster/",
        shows=(".state-attended", ".state-booked", ".state-waitlisted", ".state-cancelled", ".accommodation-needs"),
    ),
    Visit(
        "roster: walk-in search",
        FACILITATOR,
        lambda site: f"/facilitate/sessions/{site.running.pk}/roster/",
        act=search_walk_in,
    ),
    Visit(
        "check-in screen",
        FACILITATOR,
        lambda site: f"/facilitate/sessions/{site.running.pk}/checkin/",
        shows=("#checkin-qr svg", "#checkin-code", "#checkin-countdown"),
    ),
    Visit(
        "check-in screen, before it opens",
        FACILITATOR,
        lambda site: f"/facilitate/sessions/{site.meeting.pk}/checkin/",
        shows=("main .callout",),
    ),
    Visit(
        "roster, cancelled session",
        FACILITATOR,
        lambda site: f"/facilitate/sessions/{site.cancelled.pk}/roster/",
        shows=(".status-cancelled",),
    ),
    Visit("training requests, all", TRAINING_ADMIN, lambda site: "/requests/"),
    Visit(
        "training request: decide",
        TRAINING_ADMIN,
        lambda site: f"/requests/{site.request.pk}/",
        shows=("#decide-heading", "form[action$='/decline/'] textarea"),
    ),
    Visit(
        "course participants (admin)",
        TRAINING_ADMIN,
        lambda site: f"/admin/courses/{site.course.pk}/participants/",
        shows=("input[name=reason]",),
    ),
    Visit("admin home: today in training", TRAINING_ADMIN, lambda site: "/admin/", shows=("#training-today-content",)),
    Visit(
        "curriculum preview (admin)",
        TRAINING_ADMIN,
        lambda site: "/admin/curricula/new/",
        act=preview_curriculum,
        shows=("#preview-people table", "#curriculum-preview"),
    ),
    Visit(
        "curriculum preview: nobody matches (admin)",
        TRAINING_ADMIN,
        lambda site: "/admin/curricula/new/",
        act=search_curriculum_preview_for_nobody,
        shows=("#preview-people [role=status]",),
    ),
    Visit("training request: approve", TRAINING_ADMIN, lambda site: f"/requests/{site.request.pk}/approve/"),
    Visit("self-identification", EMPLOYEE, lambda site: "/self-identification/", shows=("fieldset legend",)),
    Visit(
        "self-identification: errors",
        EMPLOYEE,
        lambda site: "/self-identification/",
        act=send_empty_self_identification,
        shows=("[role=alert]",),
    ),
    Visit("self-identification: withdraw", EMPLOYEE, lambda site: "/self-identification/withdraw/"),
    Visit("insights: audit", TRAINING_ADMIN, lambda site: "/insights/audit/"),
    *INSIGHTS_PAGES,
    Visit(
        "evaluation",
        EMPLOYEE,
        lambda site: f"/evaluations/session/{site.running.pk}/",
        shows=("#anonymity", "fieldset.scale legend", ".skill-pair"),
    ),
    Visit(
        "evaluation: errors",
        EMPLOYEE,
        lambda site: f"/evaluations/session/{site.running.pk}/",
        act=send_empty_evaluation,
        shows=("[role=alert]", ".scale .error"),
    ),
    Visit("evaluation: thank you", EMPLOYEE, lambda site: "/evaluations/thanks/"),
    Visit(
        "evaluations of my sessions",
        FACILITATOR,
        lambda site: "/facilitate/evaluations/",
        shows=(".insights-table", ".evaluation-comments", "main .callout"),
    ),
    Visit(
        "insights: session evaluations",
        TRAINING_ADMIN,
        lambda site: "/insights/evaluations/",
        shows=(".insights-table", ".evaluation-comments"),
    ),
]


def build_site(site_root, language):
    """Everything the pages in PAGES show, for a learner whose language is `language`."""
    with translation.override("en"):
        # Realistic lengths: a select grows with its longest option, a table with its longest name.
        course, modules = course_with_every_kind(
            live_session=True,
            title="Foundations of Anti-Racism: History, Power and Everyday Practice in City Government",
            slug="foundations",
        )
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
        user = learner(
            user__username="learner",
            user__first_name="Maximiliana Guadalupe",
            user__last_name="Featherstonehaugh-Nguyễn",
            preferred_language=language,
        )
        enrollment = enrolled(user, course)
        attempt = services.quiz_submit(
            enrollment=enrollment,
            quiz=modules["quiz"],
            answers={k.removeprefix("question-"): v for k, v in wrong_answers(modules["quiz"]).items()},
        )
        locked = quiz_with_questions(course, questions=1, position=6, pass_mark=100, attempt_limit=1)
        locked_attempt = services.quiz_submit(
            enrollment=enrollment,
            quiz=locked,
            answers={k.removeprefix("question-"): v for k, v in wrong_answers(locked).items()},
        )
        completed_course = CourseFactory(
            title="Language Access and Interpretation Services for Residents with Limited English Proficiency",
            slug="language-access",
        )
        reading = ReadingModuleFactory(course=completed_course, position=1)
        services.module_acknowledge(enrollment=enrolled(user, completed_course), module=reading)
        certificate = issued_certificate(user=learner(preferred_language="en"), course=completed_course)
        session = SessionFactory(
            course=course,
            room=LONG_ROOM,
            video_link="https://cityofalbuquerque.zoom.us/j/98765432109?pwd=Q2xvdWRzQW5kUmFpbkJvd3NBbmRTdW5zaGluZQ",
        )
        scheduling.accommodation_save(
            registration=registration(session, user=user),
            request={"interpreter": True, "interpreter_language": "Vietnamese", "large_print": True},
        )
        city = city_with_compliance()  # the learner is assigned its curriculum too ("My required training")
        # A course taken in order (it has a final check), required for the learner like the first one:
        # "required for you" in the catalogue and on both courses, a locked module in its outline.
        in_order = CourseFactory(
            title="Equity in Everyday Practice: Applying an Equity Lens to Public Services", slug="equity-in-practice"
        )
        ReadingModuleFactory(course=in_order, position=1, title="What an equity lens asks of a service")
        quiz_with_questions(in_order, questions=1, position=2, quiz_kind="post_test", title="Final check")
        cms.course_page(index, in_order)
        city["curriculum"].courses.add(course, in_order)
        enrolled(user, in_order)
        scheduling.calendar_token_regenerate(user=user)

        # A facilitator's session that is running now (check-in open), with people in every state.
        runner = facilitator(username="runner", first_name="Rosa Alejandrina", last_name="Parkes-Villaseñor")
        now = timezone.now()
        running = SessionFactory(
            course=course,
            room=LONG_ROOM,
            starts_at=now - datetime.timedelta(minutes=10),
            ends_at=now + datetime.timedelta(hours=1),
            facilitators=[runner],
        )
        registration(running, user=user, state=State.ATTENDED)
        on_now = SessionFactory(
            course=course,
            room=LONG_ROOM,
            starts_at=now - datetime.timedelta(minutes=5),
            ends_at=now + datetime.timedelta(hours=2),
            facilitators=[runner],
        )
        registration(on_now, user=user)
        scheduling.accommodation_save(
            registration=registration(running, user=city["people"]["ben"].user),
            request={"wheelchair": True, "other": "A seat near the door: I leave early for an appointment nearby."},
        )
        registration(
            running, user=employee_user(user__first_name="Wai", user__last_name="Tlist"), state=State.WAITLISTED
        )
        registration(
            running, user=employee_user(user__first_name="Cass", user__last_name="Elled"), state=State.CANCELLED
        )

        full = SessionFactory(course=course, capacity=1, facilitators=[runner])
        registration(full, user=city["people"]["ana"].user)
        cancelled = SessionFactory(course=course, facilitators=[runner])
        registration(cancelled, user=user)
        scheduling.session_cancel(session=cancelled, actor=runner, reason="The room is flooded.")
        public = SessionFactory(course=course, is_public=True, facilitators=[runner])
        guest = scheduling.guest_registration_create(
            session=public,
            name="Guadalupe Featherstonehaugh",
            email="guadalupe@example.org",
            accommodation={"captioning": True, "other": "Printed slides in Spanish, please."},
        )

        # A reading circle: a series of meetings and its Wagtail page.
        circle_course = CourseFactory(title="The Sum of Us", format=Course.Format.READING_CIRCLE)
        LiveSessionModuleFactory(course=circle_course, required_attendances=3)
        series = scheduling.series_create(
            created_by=runner,
            course=circle_course,
            facilitators=[runner],
            start_date=timezone.localdate() + datetime.timedelta(days=1),
            start_time=datetime.time(12),
            end_time=datetime.time(13),
            rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=4",
            time_zone="America/Denver",
            room=LONG_ROOM,
            capacity=8,
        )
        meeting = series.sessions.order_by("starts_at").first()
        registration(meeting, user=city["people"]["ana"].user)
        circles = site_root.add_child(
            instance=ReadingCirclesIndexPage(
                title="Reading circles", slug="reading-circles", intro="<p>Read a book together.</p>"
            )
        )
        circle = circles.add_child(
            instance=ReadingCirclePage(
                title="The Sum of Us",
                slug="the-sum-of-us",
                book_title="The Sum of Us",
                book_author="Heather McGhee",
                description="<p>A book about what racism costs everyone.</p>",
                series=series,
                discussion_guide=[
                    {
                        "type": "meeting",
                        "value": {"title": "Meeting 1", "reading": "Chapters 1–2", "questions": "<p>Who pays?</p>"},
                    }
                ],
            )
        )

        # An account locked out after too many wrong passwords (from another address, so only the
        # account is locked, not the browser the pages are checked from).
        from axes.models import AccessAttempt
        from django.conf import settings

        employee_user(user__username="lockedout")
        AccessAttempt.objects.create(
            username="lockedout",
            ip_address="203.0.113.9",
            user_agent="",
            failures_since_start=settings.AXES_FAILURE_LIMIT,
            get_data="",
            post_data="",
            http_accept="",
            path_info="/accounts/login/",
        )

        # Self-identification answers for /insights/: enough in Parks and Police to break figures down
        # (some cells still fewer than k), too few in Trails; the protected figures of the city alone
        # (seconds, not the minutes of the whole walk's site) and the trends' months.
        analyst(username="analyst")
        answering = {
            "parks": ["hispanic"] * 14 + ["white"] * 12 + ["asian"] * 2,
            "police": ["white"] * 12,
            "trails": ["white"] * 3,
        }
        for department, groups in answering.items():
            for group in groups:
                answer(EmployeeFactory(department=city[department]).user, group)
        insights_figures_of_the_city(city, course)
        insights.insights_history_reconstruct()

        # Evaluations of the runner's sessions: one with enough responses for figures, one without.
        for count in (6, 2):
            evaluated = past_session(course=course, room=LONG_ROOM, facilitators=[runner])
            for number in range(count):
                respond(evaluated, comment=f"Comment number {number}: the examples from permitting helped my team.")

        # A training request from the head of Parks, waiting for a training admin's decision.
        training_admin(username="trainingadmin")
        request = requests.request_create(
            requester=city["head"],
            department=city["parks"],
            topic="Language access at the front desk",
            audience_size=20,
            preferred_months=[(timezone.localdate() + datetime.timedelta(days=62)).strftime("%Y-%m")],
            notes="Two shifts: mornings and evenings.",
        )
        # The head's large compliance exports: one being prepared, one ready, one failed.
        kept = timezone.now() + datetime.timedelta(days=7)
        exports = {
            state: ExportJob.objects.create(
                owner=city["head"],
                format="csv",
                filename=f"compliance-my-departments-{state}.csv",
                state=state,
                rows_total=120_000,
                rows_done=48_000 if state == ExportJob.State.RUNNING else 0,
                file=f"compliance-exports/a11y/{state}.csv" if state == ExportJob.State.READY else "",
                expires_at=kept,
            )
            for state in (ExportJob.State.RUNNING, ExportJob.State.READY, ExportJob.State.FAILED)
        }
    base = f"/learn/{course.slug}"
    return SimpleNamespace(
        export_running=exports[ExportJob.State.RUNNING],
        export_ready=exports[ExportJob.State.READY],
        export_failed=exports[ExportJob.State.FAILED],
        users={
            EMPLOYEE: "learner",
            DEPARTMENT_HEAD: city["head"].username,
            FACILITATOR: "runner",
            TRAINING_ADMIN: "trainingadmin",
            ANALYST: "analyst",
        },
        course=course,
        course_page=course_page,
        course_index=index,
        in_order=in_order,
        hub=hub,
        resource=resource,
        module_urls={kind: f"{base}/{module.pk}/" for kind, module in modules.items()},
        attempt_url=f"{base}/{modules['quiz'].pk}/attempts/{attempt.pk}/",
        locked_quiz_url=f"{base}/{locked.pk}/",
        locked_attempt_url=f"{base}/{locked.pk}/attempts/{locked_attempt.pk}/",
        completed_course=completed_course,
        certificate=certificate,
        session=session,
        department=city["parks"],
        trails=city["trails"],
        running=running,
        on_now=on_now,
        full=full,
        cancelled=cancelled,
        public=public,
        guest=guest,
        series=series,
        meeting=meeting,
        circle_course=circle_course,
        circles=circles,
        circle=circle,
        request=request,
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


def check_pages(browser, live_server, site, language, pages) -> list[str]:
    """Visit `pages` as their roles in `language`; one line per problem found."""
    context = browser.new_context(base_url=live_server.url, locale="ar" if language == "ar" else "en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []
    try:
        for role in ROLES:
            context.clear_cookies()
            if role in site.users:
                log_in(page, site.users[role])
            for visit in (v for v in pages if v.role == role):
                url = visit.url(site)
                response = page.goto(url)
                where = f"{visit.name} ({url} → {page.url})"
                if response is None or response.status != 200:
                    problems.append(f"{where}: HTTP {response.status if response else 'no response'}")
                    continue
                if visit.act is not None:
                    visit.act(page, site)
                    page.wait_for_load_state()
                problems += [
                    f"{where}: shows no {selector}" for selector in visit.shows if not page.locator(selector).count()
                ]
                direction = page.evaluate("document.documentElement.dir")
                if direction != ("rtl" if language == "ar" else "ltr"):
                    problems.append(f"{where}: dir={direction}")
                problems += [f"{where}: {problem}" for problem in axe_violations(page)]
                problems += [f"{where}: target smaller than 24×24 px: {target}" for target in small_targets(page)]
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_meets_wcag_2_2_aa(browser, live_server, site_root, language):
    site = build_site(site_root, language)
    problems = check_pages(browser, live_server, site, language, PAGES)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", REFLOW_WIDTHS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_reflows_on_a_phone(browser, live_server, site_root, language, width):
    """WCAG 1.4.10: at 320 CSS px (a phone, or 1280 px zoomed to 400 %) and on a 390 px phone no page
    scrolls sideways, with realistic data (long titles, names and rooms)."""
    site = build_site(site_root, language)
    context = browser.new_context(
        base_url=live_server.url,
        locale="ar" if language == "ar" else "en-US",
        viewport={"width": width, "height": 640},
    )
    context.set_default_timeout(15_000)
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
                    page.wait_for_load_state()
                overflow = horizontal_overflow(page)
                if overflow:
                    problems.append(f"{visit.name} ({page.url}): " + "; ".join(overflow))
                problems += [
                    f"{visit.name} ({page.url}): scrolls with no cue: {box}" for box in scroll_boxes_without_cue(page)
                ]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
