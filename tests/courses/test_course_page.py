import pytest

from tests.courses.factories import course_with_every_kind, enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_page(site_root):
    from cms.models import CourseIndexPage, CoursePage

    course, modules = course_with_every_kind(slug="bias", title="Understanding Implicit Bias")
    index = site_root.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    index.add_child(instance=CoursePage(title="Understanding Implicit Bias", slug="bias", course=course))
    return course, modules


def test_course_page_lists_modules_with_their_kind(client, course_page):
    content = client.get("/courses/bias/").content.decode()
    for label in ("Reading", "Video", "Quiz", "Reflection"):
        assert f'<span class="badge">{label}</span>' in content


def test_course_page_sends_a_visitor_to_log_in_to_enrol(client, course_page):
    content = client.get("/courses/bias/").content.decode()
    assert 'href="/accounts/login/?next=/courses/bias/"' in content


def test_course_page_enrol_button_posts_to_the_player(client, course_page):
    client.force_login(learner())
    content = client.get("/courses/bias/").content.decode()
    assert 'action="/learn/bias/enrol/"' in content


def test_course_page_offers_to_continue_once_enrolled(client, course_page):
    course, _modules = course_page
    user = learner()
    enrolled(user, course)
    client.force_login(user)
    content = client.get("/courses/bias/").content.decode()
    assert 'href="/learn/bias/">Continue the course' in content


def test_course_page_of_an_unpublished_course_offers_no_enrolment(client, course_page):
    course, _modules = course_page
    course.is_published = False
    course.save()
    client.force_login(learner())
    assert "/learn/bias/enrol/" not in client.get("/courses/bias/").content.decode()
