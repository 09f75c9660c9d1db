import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.catalogue import dashboard, services
from tests.courses.factories import course_with_every_kind, enrolled, learner
from tests.factories import CourseFactory, ReadingModuleFactory, VideoModuleFactory, quiz_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client):
    user = learner()
    client.force_login(user)
    return user


def test_empty_dashboard_links_to_the_home_page_when_there_is_no_catalogue(client, me):
    content = client.get("/learn/").content.decode()
    assert "You have no course in progress." in content
    assert '<a class="button" href="/">Browse the course catalogue</a>' in content


def test_empty_dashboard_links_to_the_course_catalogue(client, me, site_root):
    from cms.models import CourseIndexPage

    site_root.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    content = client.get("/learn/").content.decode()
    assert 'href="/courses/">Browse the course catalogue' in content


def test_dashboard_shows_my_courses_with_a_progress_bar_and_percent(client, me):
    course, modules = course_with_every_kind(title="Understanding Implicit Bias")
    enrollment = enrolled(me, course)
    services.module_acknowledge(enrollment=enrollment, module=modules["reading"])
    content = client.get("/learn/").content.decode()
    assert "Understanding Implicit Bias" in content
    assert "25% complete (1 of 4 modules)" in content
    assert '<progress class="progress" max="100" value="25"' in content


def test_resume_links_to_the_module_where_i_left_off(client, me):
    course, modules = course_with_every_kind()
    enrollment = enrolled(me, course)
    services.module_touch(enrollment=enrollment, module=modules["quiz"])
    content = client.get("/learn/").content.decode()
    assert f'href="/learn/{course.slug}/{modules["quiz"].pk}/"' in content
    assert "Resume where I left off" in content


def test_a_course_not_started_offers_to_start(client, me):
    course, _modules = course_with_every_kind()
    enrolled(me, course)
    content = client.get("/learn/").content.decode()
    assert "Start the course" in content


def test_completed_courses_are_listed_with_their_completion_date(client, me):
    course = CourseFactory(title="Language Access in City Services")
    reading = ReadingModuleFactory(course=course)
    enrollment = enrolled(me, course)
    when = datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC)
    services.module_complete(enrollment=enrollment, module=reading, when=when)
    content = client.get("/learn/").content.decode()
    assert "Completed courses" in content
    assert "Language Access in City Services" in content
    assert 'datetime="2026-03-04' in content
    assert "You have no course in progress." in content  # it left the in-progress list


def test_unpublished_and_other_peoples_courses_are_not_on_my_dashboard(client, me):
    hidden = CourseFactory(title="Hidden course", is_published=False)
    enrolled(me, hidden)
    enrolled(learner(), CourseFactory(title="Someone else's course"))
    content = client.get("/learn/").content.decode()
    assert "Hidden course" not in content
    assert "Someone else" not in content


def test_registered_panels_render_in_order_and_none_leaves_a_panel_out(client, me, tmp_path, settings):
    (tmp_path / "first.html").write_text("<h2>Assignments panel {{ due }}</h2>")
    (tmp_path / "skipped.html").write_text("<h2>Never shown</h2>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    dashboard.register_panel("first.html", lambda request: {"due": "soon"}, dashboard.ASSIGNMENTS)
    dashboard.register_panel("skipped.html", lambda request: None, dashboard.SESSIONS)
    try:
        content = client.get("/learn/").content.decode()
    finally:
        dashboard.unregister_panel("first.html")
        dashboard.unregister_panel("skipped.html")
    assert "Assignments panel soon" in content
    assert "Never shown" not in content
    assert content.index("Assignments panel") < content.index("My courses")


def test_dashboard_has_one_h1(client, me):
    assert client.get("/learn/").content.decode().count("<h1") == 1


def _grow(user, courses):
    """`courses` more courses for `user`: several modules each, some progress, other learners too."""
    for _ in range(courses):
        course = CourseFactory()
        modules = [ReadingModuleFactory(course=course), VideoModuleFactory(course=course)]
        quiz_with_questions(course, questions=3)
        enrollment = enrolled(user, course)
        services.module_acknowledge(enrollment=enrollment, module=modules[0])
        enrolled(learner(), course)
    done = CourseFactory()
    services.module_acknowledge(enrollment=enrolled(user, done), module=ReadingModuleFactory(course=done))


def test_dashboard_runs_a_constant_number_of_queries(client, me):
    _grow(me, 1)
    client.get("/learn/")
    with CaptureQueriesContext(connection) as few:
        client.get("/learn/")
    _grow(me, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/learn/")
    assert response.content.decode().count("<progress") == 7
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
