"""Issue 15 item 8 (certificates) and item 10: the holder reads why a certificate was revoked (page,
e-mail) while the public verify page says only "revoked"; revoked certificates leave the transcript's
totals; admin search by part of a code or of a name or e-mail; attended sessions and reading-circle
meetings on the transcript with their hours."""

import datetime
import io
import unicodedata
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from certificates import pdf, services
from certificates.models import Certificate
from certificates.selectors import branding_for, transcript_rows, transcript_totals
from courses.catalogue.models import Course
from courses.scheduling.models import Registration
from tests.certificates.factories import holder, issued_certificate
from tests.factories import CourseFactory, UserFactory, training_admin
from tests.scheduling.factories import SessionFactory, registration

pytestmark = pytest.mark.django_db
REASON = "Completion recorded for the wrong person"


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")
    yield
    translation.activate("en")


def revoked(user=None, *, capture=None):
    certificate = issued_certificate(user=user or holder(name="Ana Ruiz", language="en"))
    return services.certificate_revoke(certificate=certificate, by=training_admin(), reason=REASON)


# The holder is told why -----------------------------------------------------------------------------


def test_revoking_e_mails_the_holder_the_reason_once(django_capture_on_commit_callbacks, mailoutbox):
    certificate = issued_certificate(user=holder(name="Ana Ruiz", language="en"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, by=training_admin(), reason=REASON)
    (message,) = mailoutbox
    assert message.to == [certificate.holder.email]
    assert "revoked" in message.subject
    assert REASON in message.body and certificate.display_code in message.body
    assert services.certificate_notify_revoked(certificate_id=certificate.pk) is False
    assert len(mailoutbox) == 1


def test_the_revocation_e_mail_is_in_the_holders_language(mailoutbox):
    certificate = revoked(holder(name="Nguyễn Thị Hương", language="vi"))
    assert services.certificate_notify_revoked(certificate_id=certificate.pk) is True
    (message,) = mailoutbox
    with translation.override("vi"):
        assert translation.gettext("Reason:") in message.body
    assert translation.gettext("Reason:") != "" and REASON in message.body


def test_the_holder_sees_when_and_why_on_their_certificates_page(client):
    certificate = revoked()
    client.force_login(certificate.holder)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert f"Reason: {REASON}" in page and "Revoked on" in page


def test_the_verify_page_shows_the_reason_to_the_holder_only(client):
    certificate = revoked()
    url = reverse("certificates:verify", args=[certificate.display_code])
    public = client.get(url).content.decode()
    assert "revoked" in public and REASON not in public
    client.force_login(UserFactory())
    assert REASON not in client.get(url).content.decode()
    client.force_login(certificate.holder)
    assert f"Reason: {REASON}" in client.get(url).content.decode()


def test_the_admin_revoke_page_asks_a_reason_and_refuses_a_blank_one(client):
    certificate = issued_certificate()
    client.force_login(training_admin())
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    assert "Reason for revoking" in client.get(url).content.decode()
    client.post(url, {"reason": "   "})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


# Search by part of a code, a name or an e-mail ------------------------------------------------------


@pytest.mark.parametrize("typed", ["{0}", "{0}".lower(), "{1}"])
def test_admin_search_finds_part_of_a_code(client, typed):
    wanted = issued_certificate()
    other = issued_certificate()
    while other.code[4:10] == wanted.code[4:10]:  # pragma: no cover - one chance in 32**6
        other = issued_certificate()
    fragment = wanted.code[4:10]
    with_dash = wanted.display_code[2:7]  # e.g. "QM-3X": crosses a dash
    typed = typed.format(fragment, with_dash)
    client.force_login(training_admin())
    body = client.get(reverse("certificates_admin:index"), {"q": typed}).content.decode()
    assert wanted.display_code in body
    if typed.replace("-", "").upper() not in other.code:
        assert other.display_code not in body


def test_admin_search_finds_part_of_the_holders_e_mail(client):
    wanted = issued_certificate(user=holder(name="Ana Ruiz", language="en", user__email="ana.ruiz@city.example"))
    other = issued_certificate(user=holder(name="Bo Li", language="en"))
    client.force_login(training_admin())
    body = client.get(reverse("certificates_admin:index"), {"q": "ana.ruiz@"}).content.decode()
    assert wanted.display_code in body and other.display_code not in body


def test_three_characters_do_not_search_codes():
    from certificates.selectors import certificate_list

    certificate = issued_certificate(user=holder(name="Ana Ruiz", language="en"))
    assert certificate not in certificate_list(search=certificate.code[5:8])


# The transcript ---------------------------------------------------------------------------------------


def attended(user, *, hours, circle=False, state=Registration.State.ATTENDED):
    start = (timezone.now() - datetime.timedelta(days=10)).replace(microsecond=0)
    course = CourseFactory(format=Course.Format.READING_CIRCLE) if circle else CourseFactory()
    session = SessionFactory(course=course, starts_at=start, ends_at=start + datetime.timedelta(hours=hours))
    registration(session, user, state=state)
    return session


def test_attended_sessions_and_reading_circle_meetings_are_on_the_transcript_with_hours():
    user = holder(name="Ana Ruiz", language="en")
    workshop = attended(user, hours=2)
    circle = attended(user, hours=1.5, circle=True)
    attended(user, hours=3, state=Registration.State.NO_SHOW)
    attended(user, hours=3, state=Registration.State.BOOKED)
    rows = [row for row in transcript_rows(user) if row.kind != "course"]
    assert {(row.title, row.kind, row.hours) for row in rows} == {
        (workshop.display_title, "session", Decimal("2.00")),
        (circle.display_title, "reading_circle", Decimal("1.50")),
    }


def test_totals_add_courses_sessions_and_circles_and_leave_out_revoked_certificates():
    user = holder(name="Ana Ruiz", language="en")
    issued_certificate(user=user, course=CourseFactory(estimated_minutes=60))
    gone = issued_certificate(user=user, course=CourseFactory(estimated_minutes=120))
    services.certificate_revoke(certificate=gone, by=training_admin(), reason=REASON)
    attended(user, hours=2)
    attended(user, hours=1, circle=True)
    rows = transcript_rows(user)
    assert [row.revoked for row in rows if row.certificate and row.certificate.pk == gone.pk] == [True]
    totals = transcript_totals(rows)
    assert totals == {
        "course": Decimal("1.00"),
        "session": Decimal("2.00"),
        "reading_circle": Decimal("1.00"),
        "total": Decimal("4.00"),
    }


def test_the_transcript_pdf_shows_sessions_and_totals_without_revoked_hours(client):
    user = holder(name="Ana Ruiz", language="en")
    issued_certificate(user=user, course=CourseFactory(title="Implicit bias", estimated_minutes=60))
    gone = issued_certificate(user=user, course=CourseFactory(title="Revoked course", estimated_minutes=600))
    services.certificate_revoke(certificate=gone, by=training_admin(), reason=REASON)
    workshop = attended(user, hours=2)
    client.force_login(user)
    content = client.get(reverse("certificates:my_transcript")).content
    text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
    assert workshop.display_title in text and "Session attended" in text
    assert "hours not counted" in text
    assert "Total hours" in text
    # Courses 1 (the revoked 10 hours left out), sessions 2, circles 0, total 3.
    assert "Courses\n1\nSessions attended\n2\nReading circle meetings\n0\nTotal hours\n3\n" in text


def test_the_transcript_pdf_renders_in_arabic():
    user = holder(name="سارة", language="ar")
    attended(user, hours=2, circle=True)
    content = pdf.render_transcript(
        holder_name="سارة",
        employee_number="",
        department="",
        rows=transcript_rows(user),
        branding=branding_for(),
        language="ar",
    )
    assert content.startswith(b"%PDF")


def test_the_transcript_page_lists_sessions_and_totals_and_marks_revoked_hours(client):
    user = holder(name="Ana Ruiz", language="en")
    gone = issued_certificate(user=user, course=CourseFactory(title="Revoked course", estimated_minutes=600))
    services.certificate_revoke(certificate=gone, by=training_admin(), reason=REASON)
    workshop = attended(user, hours=2)
    circle = attended(user, hours=1.5, circle=True)
    client.force_login(user)
    certificates_page = client.get(reverse("certificates:mine")).content.decode()
    assert reverse("certificates:my_transcript_page") in certificates_page
    page = client.get(reverse("certificates:my_transcript_page")).content.decode()
    assert workshop.display_title in page and circle.display_title in page
    assert "Reading circle meeting" in page and "not counted" in page and f"Reason: {REASON}" in page
    assert '<strong id="total-hours">3.50</strong>' in page


def test_someone_with_only_an_attended_session_gets_a_transcript_link(client):
    user = holder(name="Ana Ruiz", language="en")
    attended(user, hours=2)
    client.force_login(user)
    assert reverse("certificates:my_transcript_page") in client.get(reverse("certificates:mine")).content.decode()


def test_the_transcript_page_needs_a_login(client):
    response = client.get(reverse("certificates:my_transcript_page"))
    assert response.status_code == 302 and "login" in response["Location"]
