"""Certificates in the Wagtail admin: training admins list, search, filter, revoke and re-issue."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from certificates.models import Certificate, CertificateEvent
from tests.certificates.factories import holder, issued_certificate
from tests.factories import CourseFactory, UserFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def admin_client(client):
    client.force_login(training_admin())
    return client


@pytest.fixture
def editor_client(client):
    """An editor: may open the Wagtail admin, is not a training admin."""
    editor = UserFactory(groups=[settings.EDITORS_GROUP])
    Group.objects.get(name=settings.EDITORS_GROUP).permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client.force_login(editor)
    return client


def test_training_admins_may_open_the_admin_and_edit_certificate_settings():
    group = training_admin().groups.get(name=settings.TRAINING_ADMINS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_certificatesettings"} <= codenames


def test_admin_lists_certificates(admin_client):
    certificate = issued_certificate(user=holder(name="Nguyễn Thị Hương"))
    body = admin_client.get(reverse("certificates_admin:index")).content.decode()
    assert certificate.display_code in body and "Nguyễn Thị Hương" in body


def test_admin_menu_shows_certificates_to_training_admins(admin_client):
    body = admin_client.get("/admin/").content.decode()
    assert reverse("certificates_admin:index") in body


def test_admin_search_finds_a_code_typed_in_lower_case_without_dashes(admin_client):
    wanted = issued_certificate()
    other = issued_certificate()
    body = admin_client.get(reverse("certificates_admin:index"), {"q": wanted.code.lower()}).content.decode()
    assert wanted.display_code in body and other.display_code not in body


def test_admin_search_finds_a_holder_by_name(admin_client):
    wanted = issued_certificate(user=holder(name="王小明"))
    other = issued_certificate(user=holder(name="Ana Ruiz"))
    body = admin_client.get(reverse("certificates_admin:index"), {"q": "小明"}).content.decode()
    assert wanted.display_code in body and other.display_code not in body


def test_admin_filters_by_course(admin_client):
    course = CourseFactory()
    wanted = issued_certificate(course=course)
    other = issued_certificate()
    body = admin_client.get(reverse("certificates_admin:index"), {"course": course.pk}).content.decode()
    assert wanted.display_code in body and other.display_code not in body


@pytest.mark.parametrize("state", ["valid", "expired", "revoked", "superseded"])
def test_admin_filters_by_state(admin_client, state):
    user, course = holder(), CourseFactory()
    superseded = issued_certificate(user=user, course=course, completed_at=timezone.now() - datetime.timedelta(days=9))
    valid = issued_certificate(user=user, course=course)
    expired = issued_certificate()
    Certificate.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    revoked = issued_certificate()
    Certificate.objects.filter(pk=revoked.pk).update(status=Certificate.Status.REVOKED)
    by_state = {"valid": valid, "expired": expired, "revoked": revoked, "superseded": superseded}
    body = admin_client.get(reverse("certificates_admin:index"), {"state": state}).content.decode()
    for name, certificate in by_state.items():
        assert (certificate.display_code in body) == (name == state), name


def test_admin_list_runs_the_same_queries_however_many_certificates(admin_client):
    issued_certificate()
    admin_client.get(reverse("certificates_admin:index"))
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse("certificates_admin:index"))
    for _ in range(5):
        issued_certificate()
    with CaptureQueriesContext(connection) as many:
        admin_client.get(reverse("certificates_admin:index"))
    assert len(many) == len(few)


def test_revoke_asks_for_confirmation_before_revoking(admin_client):
    certificate = issued_certificate()
    response = admin_client.get(reverse("certificates_admin:revoke", args=[certificate.pk]))
    assert "Yes, revoke it" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_training_admin_revokes_with_a_reason(admin_client):
    certificate = issued_certificate()
    response = admin_client.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "Recorded for the wrong person"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revocation_reason == "Recorded for the wrong person"
    assert certificate.events.filter(action=CertificateEvent.Action.REVOKED).exists()


def test_revoke_without_a_reason_shows_an_error_and_changes_nothing(admin_client):
    certificate = issued_certificate()
    response = admin_client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": ""})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_training_admin_reissues_a_certificate(admin_client):
    certificate = issued_certificate()
    response = admin_client.post(reverse("certificates_admin:reissue", args=[certificate.pk]), {"note": "Name change"})
    new = Certificate.objects.get(replaces=certificate)
    assert response["Location"] == reverse("certificates_admin:detail", args=[new.pk])
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUPERSEDED


def test_detail_shows_the_audit_trail(admin_client):
    certificate = issued_certificate()
    admin_client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "Duplicate record"})
    body = admin_client.get(reverse("certificates_admin:detail", args=[certificate.pk])).content.decode()
    assert "Duplicate record" in body and "Revoked" in body and "Issued" in body


def test_an_editor_cannot_list_certificates(editor_client):
    certificate = issued_certificate()
    response = editor_client.get(reverse("certificates_admin:index"))
    assert certificate.display_code not in response.content.decode()


def test_an_editor_cannot_revoke_or_reissue(editor_client):
    certificate = issued_certificate()
    editor_client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "x"})
    editor_client.post(reverse("certificates_admin:reissue", args=[certificate.pk]), {"note": ""})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert Certificate.objects.count() == 1


def test_an_editor_does_not_see_the_certificates_menu_item(editor_client):
    body = editor_client.get("/admin/").content.decode()
    assert reverse("certificates_admin:index") not in body


def test_admin_list_paginates_and_keeps_the_filters_in_the_page_links(admin_client, monkeypatch):
    from certificates import admin_views

    monkeypatch.setattr(admin_views, "PER_PAGE", 2)
    course = CourseFactory()
    wanted = [issued_certificate(course=course) for _ in range(3)]
    issued_certificate()  # another course: never listed
    first = admin_client.get(reverse("certificates_admin:index"), {"course": course.pk, "state": "valid"})
    body = first.content.decode()
    assert sum(certificate.display_code in body for certificate in wanted) == 2
    assert "3 certificates" in body and "Page 1 of 2" in body
    assert f"course={course.pk}&amp;state=valid&amp;p=2" in body
    second = admin_client.get(reverse("certificates_admin:index"), {"course": course.pk, "state": "valid", "p": 2})
    assert sum(certificate.display_code in second.content.decode() for certificate in wanted) == 1


def test_revoking_twice_says_it_is_already_revoked_and_keeps_the_first_reason(admin_client):
    certificate = issued_certificate()
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    admin_client.post(url, {"reason": "Recorded in error"})
    response = admin_client.post(url, {"reason": "Second click"}, follow=True)
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Recorded in error"
    assert "cannot become" in response.content.decode()
    assert CertificateEvent.objects.filter(certificate=certificate, action="revoked").count() == 1
