"""The header shows each person the sections they can use, and nothing they cannot."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Page

from cms.models import ReadingCirclesIndexPage
from tests.cms import factories as cms
from tests.courses.factories import learner
from tests.factories import DepartmentFactory, UserFactory, facilitator, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(site_root):
    cms.course_index(site_root)
    cms.resource_hub(site_root)
    cms.publish(site_root, ReadingCirclesIndexPage(title="Reading circles", slug="reading-circles"))


def header(client) -> str:
    content = client.get("/verify/").content.decode()
    return content[content.index('<nav aria-label="Main">') : content.index("</nav>")]


EVERYONE = ['href="/courses/">Courses', 'href="/reading-circles/">Reading circles', 'href="/resources/">Resources']
EMPLOYEE = ['href="/sessions/">Sessions', 'href="/learn/">My learning', 'href="/certificates/">My certificates']
HEAD = ['href="/compliance/">Compliance', 'href="/requests/">Requests']
FACILITATOR = ['href="/facilitate/">Facilitate']
ADMIN = ['href="/admin/">Admin']


def test_a_visitor_sees_the_public_sections_only(client, sections):
    nav = header(client)
    assert all(link in nav for link in EVERYONE)
    assert not any(link in nav for link in EMPLOYEE + HEAD + FACILITATOR + ADMIN)


def test_an_employee_sees_catalogue_sessions_circles_resources_learning_and_certificates(client, sections):
    client.force_login(learner())
    nav = header(client)
    assert all(link in nav for link in EVERYONE + EMPLOYEE)
    assert not any(link in nav for link in HEAD + FACILITATOR + ADMIN)


def test_a_department_head_also_sees_compliance_and_requests(client, sections):
    head = learner()
    DepartmentFactory().heads.add(head)
    client.force_login(head)
    nav = header(client)
    assert all(link in nav for link in EVERYONE + EMPLOYEE + HEAD)
    assert not any(link in nav for link in FACILITATOR + ADMIN)


def test_a_facilitator_also_sees_facilitate(client, sections):
    client.force_login(facilitator())
    nav = header(client)
    assert all(link in nav for link in FACILITATOR)
    assert not any(link in nav for link in HEAD + ADMIN)


def test_an_editor_and_a_training_admin_see_the_admin(client, sections):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    client.force_login(editor)
    assert all(link in header(client) for link in ADMIN)
    client.force_login(training_admin())
    assert all(link in header(client) for link in ADMIN + HEAD + FACILITATOR)


def test_a_section_without_a_live_page_is_left_out(client, sections):
    Page.objects.filter(slug="reading-circles").update(live=False)
    nav = header(client)
    assert "Reading circles" not in nav
    assert 'href="/courses/">Courses' in nav
