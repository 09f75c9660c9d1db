"""Expiry comes from the curricula app (courses.curricula.selectors.certification_expiry_for), which
certificates import directly: the recertification rule of the holder's curricula decides."""

import datetime

import pytest

from certificates import selectors
from tests.certificates.factories import issued_certificate

pytestmark = pytest.mark.django_db


def test_a_course_no_curriculum_renews_gives_a_certificate_that_does_not_expire():
    assert issued_certificate().expires_on is None


def test_the_expiry_is_what_the_curricula_rule_says(monkeypatch):
    calls = []

    def certification_expiry_for(*, user_id, course_id, completed_at):
        calls.append((user_id, course_id, completed_at))
        return datetime.date(2031, 3, 31)

    monkeypatch.setattr(selectors, "certification_expiry_for", certification_expiry_for)
    certificate = issued_certificate()
    assert certificate.expires_on == datetime.date(2031, 3, 31)
    assert calls == [(certificate.holder_id, certificate.course_id, certificate.completed_at)]
