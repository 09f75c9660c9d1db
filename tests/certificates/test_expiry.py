"""Expiry comes from the curricula app (courses.curricula.selectors.certification_expiry_for) when it is there.

Certificates must work while that app is absent, and only its absence is forgiven: an import error
inside it, or a missing function, must surface instead of silently issuing certificates that never
expire. Each test puts its own stand-in for the curricula modules in sys.modules (monkeypatch restores
whatever was there), so the tests hold with or without the real app installed."""

import datetime
import sys
import types

import pytest

from certificates.selectors import optional_module
from tests.certificates.factories import issued_certificate

pytestmark = pytest.mark.django_db


def absent(monkeypatch, *names):
    for name in names:
        monkeypatch.setitem(sys.modules, name, None)  # import raises ModuleNotFoundError(name=name)


def stand_in(monkeypatch, **attributes):
    package = types.ModuleType("curricula")
    package.__path__ = []
    selectors = types.ModuleType("courses.curricula.selectors")
    for name, value in attributes.items():
        setattr(selectors, name, value)
    monkeypatch.setitem(sys.modules, "curricula", package)
    monkeypatch.setitem(sys.modules, "courses.curricula.selectors", selectors)


def test_without_the_curricula_app_certificates_do_not_expire(monkeypatch):
    absent(monkeypatch, "curricula", "courses.curricula.selectors")
    assert issued_certificate().expires_on is None


def test_without_curricula_selectors_certificates_do_not_expire(monkeypatch):
    stand_in(monkeypatch)
    absent(monkeypatch, "courses.curricula.selectors")
    assert issued_certificate().expires_on is None


def test_the_expiry_is_what_the_curricula_rule_says(monkeypatch):
    calls = []

    def certification_expiry_for(*, user_id, course_id, completed_at):
        calls.append((user_id, course_id, completed_at))
        return datetime.date(2031, 3, 31)

    stand_in(monkeypatch, certification_expiry_for=certification_expiry_for)
    certificate = issued_certificate()
    assert certificate.expires_on == datetime.date(2031, 3, 31)
    assert calls == [(certificate.holder_id, certificate.course_id, certificate.completed_at)]


def test_an_import_error_inside_curricula_selectors_is_not_hidden(monkeypatch, tmp_path):
    package_dir = tmp_path / "curricula"
    package_dir.mkdir()
    (package_dir / "selectors.py").write_text("import certificates_test_no_such_dependency\n")
    package = types.ModuleType("curricula")
    package.__path__ = [str(package_dir)]
    monkeypatch.setitem(sys.modules, "curricula", package)
    monkeypatch.setitem(sys.modules, "courses.curricula.selectors", None)
    monkeypatch.delitem(sys.modules, "courses.curricula.selectors")  # imported from package_dir below
    with pytest.raises(ModuleNotFoundError) as raised:
        issued_certificate()
    assert raised.value.name == "certificates_test_no_such_dependency"


def test_curricula_selectors_without_the_expiry_function_is_not_hidden(monkeypatch):
    stand_in(monkeypatch)
    with pytest.raises(AttributeError, match="certification_expiry_for"):
        issued_certificate()


def test_optional_module_forgives_only_the_absence_of_that_module(monkeypatch):
    absent(monkeypatch, "curricula", "courses.curricula.signals")
    assert optional_module("courses.curricula.signals") is None
    assert optional_module("certificates.codes") is sys.modules["certificates.codes"]
    stand_in(monkeypatch)
    monkeypatch.setitem(sys.modules, "courses.curricula.signals", None)
    assert optional_module("courses.curricula.signals") is None
