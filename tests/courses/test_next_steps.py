"""The course-complete page points to what comes next: the certificate, and the next course of the
person's required training."""

import pytest

from courses.catalogue import services
from courses.curricula.services import assignments_reconcile
from tests.courses.factories import enrolled, learner
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, ReadingModuleFactory

pytestmark = pytest.mark.django_db


def finish(user, course, django_capture_on_commit_callbacks):
    reading = ReadingModuleFactory(course=course, position=1)
    with django_capture_on_commit_callbacks(execute=True):  # the certificate is issued on commit
        services.module_acknowledge(enrollment=enrolled(user, course), module=reading)


def test_the_completion_page_links_to_the_certificate_and_the_next_required_course(
    client, django_capture_on_commit_callbacks
):
    first = CourseFactory(title="Foundations", slug="foundations")
    second = CourseFactory(title="Language access", slug="language-access")
    CurriculumFactory(name="Anti-racism curriculum", courses=[first, second])
    user = learner()
    assignments_reconcile()
    finish(user, first, django_capture_on_commit_callbacks)
    client.force_login(user)

    content = client.get("/learn/foundations/complete/").content.decode()

    certificate = user.certificates.get(course=first)
    assert f'href="/certificates/{certificate.display_code}.pdf"' in content
    assert "Next in your required training (Anti-racism curriculum):" in content
    assert 'href="/learn/language-access/">Language access</a>' in content


def test_no_next_required_course_once_the_required_training_is_done(client, django_capture_on_commit_callbacks):
    only = CourseFactory(slug="foundations")
    CurriculumFactory(courses=[only])
    user = learner()
    assignments_reconcile()
    finish(user, only, django_capture_on_commit_callbacks)
    client.force_login(user)

    content = client.get("/learn/foundations/complete/").content.decode()

    assert 'id="next-certificate"' in content
    assert 'id="next-required"' not in content


def test_while_the_certificate_is_being_issued_the_page_says_so(client):
    course = CourseFactory(slug="foundations")
    user = learner()
    reading = ReadingModuleFactory(course=course, position=1)
    services.module_acknowledge(enrollment=enrolled(user, course), module=reading)  # on-commit task not run
    client.force_login(user)

    content = client.get("/learn/foundations/complete/").content.decode()

    assert "Your certificate is being prepared" in content
    assert 'href="/certificates/"' in content
