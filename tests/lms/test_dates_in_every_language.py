"""Every date and time a person reads is the locale's own: certificates, transcripts, e-mails and pages in
each of the site's languages print exactly what Django's formats for that language give, and no English
month or weekday name leaks into the other languages."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from certificates import fonts, pdf
from certificates.selectors import branding_for, transcript_rows
from courses.scheduling.notifications import registration_email_send
from lms.dates import day_with_weekday
from tests.certificates.factories import holder, issued_certificate
from tests.scheduling.factories import SessionFactory, registration

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ENGLISH_NAMES = [
    *(datetime.date(2026, month, 1).strftime("%B") for month in range(1, 13)),
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
]  # fmt: skip
COMPLETED = datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC)


def assert_no_english_names(text, language):
    if language != "en":
        # Whole words only: a name such as "Lisa Mayo" is not the month of May.
        leaked = [name for name in ENGLISH_NAMES if re.search(rf"\b{name}\b", text)]
        assert not leaked, f"{language}: English {leaked} in {text!r}"


def local_times(session, language):
    """The session's start and end as the locale writes a time (its TIME_FORMAT), in the city's zone."""
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        return [time_format(timezone.localtime(moment)) for moment in (session.starts_at, session.ends_at)]


def local_date(value, language):
    with translation.override(language):
        day = timezone.localdate(value) if isinstance(value, datetime.datetime) else value
        return date_format(day, "DATE_FORMAT")


@pytest.fixture
def drawn(monkeypatch):
    """The strings the PDF renderer draws, in order (the text layer of the PDF, before any shaping)."""
    strings = []
    original = fonts.draw

    def recording(canvas, x, y, text, *args, **kwargs):
        strings.append(text)
        return original(canvas, x, y, text, *args, **kwargs)

    monkeypatch.setattr(fonts, "draw", recording)
    return strings


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_certificate_prints_its_dates_in_the_locales_format(language, drawn):
    certificate = issued_certificate(user=holder(name="Test Holder", language=language), completed_at=COMPLETED)
    assert certificate.language == language

    pdf.render_certificate(certificate, branding=branding_for())

    text = "\n".join(drawn)
    completed = local_date(certificate.completed_at, language)
    issued = local_date(certificate.issued_on, language)
    with translation.override(language):
        assert translation.gettext("Completed on %(date)s") % {"date": completed} in text
        assert translation.gettext("Issued on %(date)s") % {"date": issued} in text
    assert_no_english_names(text, language)


def test_the_vietnamese_certificate_says_ngay_once(drawn):
    certificate = issued_certificate(user=holder(language="vi"), completed_at=COMPLETED)

    pdf.render_certificate(certificate, branding=branding_for())

    line = next(text for text in drawn if text.startswith("Hoàn thành"))
    assert line.lower().count("ngày") == 1, line
    assert "4 tháng 3 năm 2026" in line


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_transcript_prints_completion_dates_in_the_locales_format(language, drawn):
    user = holder(name="Test Holder", language=language)
    issued_certificate(user=user, completed_at=COMPLETED)

    with translation.override(language):
        pdf.render_transcript(
            holder_name="Test Holder",
            employee_number="E000001",
            department="Planning",
            rows=transcript_rows(user),
            branding=branding_for(),
            language=language,
        )

    assert local_date(COMPLETED, language) in drawn
    assert_no_english_names("\n".join(drawn), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_booking_email_gives_the_day_in_the_locales_format(language):
    session = SessionFactory()
    user = holder(name="Test Holder", language=language)
    booked = registration(session, user=user)
    mail.outbox.clear()

    assert registration_email_send(registration_id=booked.pk, kind="booked")

    body = mail.outbox[-1].body
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        expected = day_with_weekday(session.starts_at)
        assert date_format(timezone.localtime(session.starts_at), "DATE_FORMAT") in expected
    assert expected in body
    start, end = local_times(session, language)
    assert f"{start}–{end}" in body
    assert_no_english_names(body, language)


def get_in(client, user, language, url):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_page_gives_the_day_in_the_locales_format(client, language):
    session = SessionFactory()
    user = holder(name="Test Holder", language=language)

    page = get_in(client, user, language, reverse("scheduling:detail", args=[session.pk]))

    with translation.override(language):
        expected = day_with_weekday(session.starts_at)
    start, end = local_times(session, language)
    assert f"{expected}, {start}–{end}" in page
    assert_no_english_names(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_certificates_page_gives_dates_in_the_locales_format(client, language):
    user = holder(name="Test Holder", language=language)
    certificate = issued_certificate(user=user, completed_at=COMPLETED)

    page = get_in(client, user, language, reverse("certificates:mine"))

    assert local_date(certificate.issued_on, language) in page
    assert_no_english_names(page, language)


def test_each_locale_writes_the_day_its_own_way():
    day = datetime.date(2026, 12, 8)
    expected = {
        "en": "Tuesday, Dec. 8, 2026",
        "es": "martes, 8 de diciembre de 2026",
        "vi": "Thứ Ba, 8 tháng 12 năm 2026",
        "zh-hans": "2026年12月8日 星期二",
        "ar": "الثلاثاء، 8 ديسمبر، 2026",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert day_with_weekday(day) == text


def test_each_locale_writes_the_time_its_own_way():
    times = [datetime.time(10, 0), datetime.time(12, 0), datetime.time(14, 30)]
    expected = {
        "en": ["10 a.m.", "noon", "2:30 p.m."],
        "es": ["10:00", "12:00", "14:30"],
        "vi": ["10:00", "12:00", "14:30"],
        "zh-hans": ["10:00", "12:00", "14:30"],
        "ar": ["10:00 ص", "12:00 م", "2:30 م"],
    }
    for language, texts in expected.items():
        with translation.override(language):
            assert [time_format(moment) for moment in times] == texts, language
