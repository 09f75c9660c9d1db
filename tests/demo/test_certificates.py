import io

import pytest

from certificates.models import Certificate, CertificateSettings
from lms.demo import certificates as certificates_demo
from lms.demo.management.commands.seed_demo import DemoContext
from tests.certificates.factories import CourseCompletionFactory

pytestmark = pytest.mark.django_db


def context():
    return DemoContext(password="commonground", employees=10, stdout=io.StringIO(), style=None)


def test_demo_issues_one_certificate_per_completion_and_is_idempotent():
    completions = [CourseCompletionFactory() for _ in range(3)]
    certificates_demo.seed(context())
    certificates_demo.seed(context())
    assert Certificate.objects.count() == 3
    assert {c.completion_id for c in Certificate.objects.all()} == {c.pk for c in completions}


def test_demo_sets_the_certificate_settings_of_the_default_site():
    certificates_demo.seed(context())
    certificates_demo.seed(context())
    setting = CertificateSettings.objects.get()
    assert setting.signatory_name


def test_demo_certificates_send_no_email(django_capture_on_commit_callbacks, mailoutbox):
    CourseCompletionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        certificates_demo.seed(context())
    assert Certificate.objects.count() == 1
    assert mailoutbox == []
