import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from certificates import services
from tests.certificates.factories import CourseCompletionFactory, holder, issued_certificate
from tests.factories import CourseFactory, EmployeeFactory, UserFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_state():
    """Rate-limit counters live in the cache; the language a request activated stays active in the
    thread (and modeltranslation would then write factory titles into that language's field)."""
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()
    translation.activate("en")


def pdf_url(certificate):
    return reverse("certificates:pdf", args=[certificate.display_code])


def verify_url(code):
    return reverse("certificates:verify", args=[code])


# The certificate PDF: holder and training admins only


def test_holder_downloads_their_certificate_pdf(client):
    certificate = issued_certificate()
    client.force_login(certificate.holder)
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_training_admin_downloads_anyones_certificate_pdf(client):
    certificate = issued_certificate()
    client.force_login(training_admin())
    assert client.get(pdf_url(certificate)).status_code == 200


def test_another_employee_cannot_download_a_certificate_pdf(client):
    certificate = issued_certificate()
    client.force_login(EmployeeFactory().user)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_department_head_of_the_holder_cannot_download_the_pdf(client):
    from tests.factories import DepartmentFactory

    head = UserFactory()
    department = DepartmentFactory(heads=[head])
    certificate = issued_certificate(user=holder(department=department))
    client.force_login(head)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_for_a_pdf(client):
    certificate = issued_certificate()
    response = client.get(pdf_url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_pdf_url_accepts_the_code_typed_in_lower_case(client):
    certificate = issued_certificate()
    client.force_login(certificate.holder)
    assert client.get(f"/certificates/{certificate.display_code.lower()}.pdf").status_code == 200


# Transcripts


def test_employee_downloads_their_own_transcript(client):
    certificate = issued_certificate()
    client.force_login(certificate.holder)
    response = client.get(reverse("certificates:my_transcript"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert certificate.display_code in text


def test_training_admin_downloads_an_employees_transcript(client):
    certificate = issued_certificate()
    client.force_login(training_admin())
    response = client.get(reverse("certificates:transcript", args=[certificate.holder.employee.pk]))
    assert response.status_code == 200


def test_an_employee_cannot_download_someone_elses_transcript(client):
    certificate = issued_certificate()
    client.force_login(EmployeeFactory().user)
    response = client.get(reverse("certificates:transcript", args=[certificate.holder.employee.pk]))
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_log_in_for_a_transcript(client):
    response = client.get(reverse("certificates:my_transcript"))
    assert response.status_code == 302


# My certificates


def test_my_certificates_lists_pdf_verify_and_transcript_links(client):
    certificate = issued_certificate()
    other = issued_certificate()
    client.force_login(certificate.holder)
    response = client.get(reverse("certificates:mine"))
    body = response.content.decode()
    assert pdf_url(certificate) in body
    assert verify_url(certificate.display_code) in body
    assert reverse("certificates:my_transcript") in body
    assert other.display_code not in body


def test_my_certificates_paginates(client):
    user = holder(language="en")  # the assertions read English
    for _ in range(26):
        issued_certificate(user=user)
    client.force_login(user)
    first = client.get(reverse("certificates:mine")).content.decode()
    second = client.get(reverse("certificates:mine"), {"page": 2}).content.decode()
    assert first.count("Download PDF") == 25
    assert second.count("Download PDF") == 1


def test_my_certificates_runs_the_same_queries_however_many_certificates(client):
    user = holder(language="en")  # the assertions read English
    issued_certificate(user=user)
    client.force_login(user)
    client.get(reverse("certificates:mine"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("certificates:mine"))
    for _ in range(6):
        issued_certificate(user=user)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("certificates:mine"))
    assert len(many) == len(few)


# Verify: public, minimal, tolerant, rate-limited


def test_verify_page_says_valid_with_name_course_and_dates_only(client):
    user = holder(name="Nguyễn Thị Hương", employee_number="E777001")
    user.email = "huong@city.example"
    user.save()
    certificate = issued_certificate(user=user, course=CourseFactory(title="Implicit bias"))
    response = client.get(verify_url(certificate.display_code))
    body = response.content.decode()
    assert response.status_code == 200
    assert "genuine and valid" in body
    assert "Nguyễn Thị Hương" in body and certificate.title in body
    for private in ("huong@city.example", "E777001", user.username, user.employee.department.name):
        assert private not in body
    assert 'name="robots" content="noindex"' in body


def test_verify_page_says_expired_after_the_expiry_date(client):
    certificate = issued_certificate()
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    assert "has expired" in client.get(verify_url(certificate.display_code)).content.decode()


def test_verify_page_says_revoked_without_the_reason(client):
    certificate = issued_certificate()
    services.certificate_revoke(certificate=certificate, by=training_admin(), reason="Attendance was falsified")
    body = client.get(verify_url(certificate.display_code)).content.decode()
    assert "was revoked" in body
    assert "falsified" not in body


def test_verify_page_says_superseded_without_the_new_code(client):
    user = holder(language="en")  # the assertions read English
    course = CourseFactory()
    old = issued_certificate(user=user, course=course, completed_at=timezone.now() - datetime.timedelta(days=400))
    new = issued_certificate(user=user, course=course)
    body = client.get(verify_url(old.display_code)).content.decode()
    assert "replaced by a newer one" in body
    assert new.display_code not in body


def test_verify_unknown_code_reveals_nothing(client):
    issued_certificate(user=holder(name="Ana Ruiz"))
    response = client.get(verify_url("ABCD-EFGH-JKLM-NPQR"))
    body = response.content.decode()
    assert response.status_code == 404
    assert "No certificate has this code" in body
    assert "Ana Ruiz" not in body


def test_verify_url_with_lower_case_or_no_dashes_redirects_to_the_grouped_code(client):
    certificate = issued_certificate()
    compact = certificate.code.lower()
    response = client.get(verify_url(compact))
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.display_code)


def test_verify_form_accepts_a_code_typed_with_spaces_dashes_and_lower_case(client):
    certificate = issued_certificate()
    typed = " " + " - ".join(certificate.code[i : i + 4].lower() for i in range(0, 16, 4)) + " "
    response = client.get(reverse("certificates:verify_form"), {"code": typed}, follow=True)
    assert response.redirect_chain[-1][0] == verify_url(certificate.display_code)
    assert "genuine and valid" in response.content.decode()


def test_verify_form_explains_a_malformed_code(client):
    response = client.get(reverse("certificates:verify_form"), {"code": "12345"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in body and "16 letters and digits" in body
    assert 'aria-invalid="true"' in body


def test_verify_is_rate_limited_per_client(client, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    certificate = issued_certificate()
    for _ in range(3):
        assert client.get(verify_url(certificate.display_code)).status_code == 200
    response = client.get(verify_url(certificate.display_code))
    assert response.status_code == 429
    assert certificate.holder_name not in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # Another client is not affected.
    assert client.get(verify_url(certificate.display_code), REMOTE_ADDR="10.9.8.7").status_code == 200


def test_guessing_unknown_codes_is_rate_limited_too(client, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 2
    assert client.get(verify_url("ABCD-EFGH-JKLM-NPQR")).status_code == 404
    assert client.get(verify_url("ABCD-EFGH-JKLM-NPQS")).status_code == 404
    assert client.get(verify_url("ABCD-EFGH-JKLM-NPQT")).status_code == 429


def test_issuance_from_the_player_shows_up_on_my_certificates(client, django_capture_on_commit_callbacks):
    completion_user = holder()
    with django_capture_on_commit_callbacks(execute=True):
        from courses.catalogue.services import course_completion_record

        course_completion_record(
            user=completion_user, course=CourseFactory(title="Safe Zone"), completed_at=timezone.now()
        )
    client.force_login(completion_user)
    assert "Safe Zone" in client.get(reverse("certificates:mine")).content.decode()


def test_transcript_shows_completions_without_a_certificate(client):
    completion = CourseCompletionFactory(course=CourseFactory(title="Fair housing basics"))
    client.force_login(completion.user)
    response = client.get(reverse("certificates:my_transcript"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Fair housing basics" in text


# The "My certificates" panel of /learn/


def test_learn_panel_lists_the_holders_certificates_with_links(rf):
    from django.template.loader import render_to_string

    from certificates.selectors import learn_panel_context

    certificate = issued_certificate()
    request = rf.get("/learn/")
    request.user = certificate.holder
    html = render_to_string("certificates/panel.html", learn_panel_context(request), request=request)
    assert "<h2" in html
    assert pdf_url(certificate) in html and verify_url(certificate.display_code) in html
    assert reverse("certificates:my_transcript") in html


def test_learn_panel_is_left_out_for_someone_who_is_not_an_employee(rf):
    from certificates.selectors import learn_panel_context

    request = rf.get("/learn/")
    request.user = UserFactory()
    assert learn_panel_context(request) is None


def test_learn_panel_runs_the_same_queries_however_many_certificates(rf, django_assert_max_num_queries):
    from certificates.selectors import learn_panel_context

    user = holder(language="en")  # the assertions read English
    for _ in range(8):
        issued_certificate(user=user)
    request = rf.get("/learn/")
    request.user = user
    with django_assert_max_num_queries(3):
        context = learn_panel_context(request)
    assert len(context["certificates"]) == 5
    assert context["more_certificates"] is True


def test_learn_dashboard_shows_my_certificates(client):
    certificate = issued_certificate()
    client.force_login(certificate.holder)
    body = client.get(reverse("learn:dashboard")).content.decode()
    assert "My certificates" in body
    assert pdf_url(certificate) in body


def test_my_certificates_without_any_says_how_to_get_one(client):
    client.force_login(holder(language="en"))  # the assertions read English
    response = client.get(reverse("certificates:mine"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "You have no certificates yet" in body
    assert reverse("learn:dashboard") in body
    assert reverse("certificates:my_transcript") not in body  # nothing to list on a transcript yet
    assert 'class="pagination"' not in body


def test_my_certificates_out_of_range_page_shows_the_last_page(client):
    user = holder(language="en")  # the assertions read English
    issued_certificate(user=user)
    client.force_login(user)
    response = client.get(reverse("certificates:mine"), {"page": 99})
    assert response.status_code == 200
    assert response.content.decode().count("Download PDF") == 1


def test_my_certificates_pagination_links_are_labelled(client):
    user = holder(language="en")  # the assertions read English
    for _ in range(26):
        issued_certificate(user=user)
    client.force_login(user)
    body = client.get(reverse("certificates:mine"), {"page": 2}).content.decode()
    assert '<nav class="pagination" aria-label="Pages of certificates">' in body
    assert 'href="?page=1"' in body and "Page 2 of 2" in body


def test_learn_panel_always_links_to_the_my_certificates_page(rf):
    from django.template.loader import render_to_string

    from certificates.selectors import learn_panel_context

    for count in (0, 1):
        user = holder(language="en")
        for _ in range(count):
            issued_certificate(user=user)
        request = rf.get("/learn/")
        request.user = user
        html = render_to_string("certificates/panel.html", learn_panel_context(request), request=request)
        assert f'href="{reverse("certificates:mine")}"' in html


def test_the_rate_limit_is_shared_through_the_database_cache_of_the_default_settings(client, settings):
    """Without REDIS_URL the settings use Django's database cache, so the counters are rows that every
    web process sees (the test settings' in-memory cache would be per process)."""
    from django.core.cache import caches
    from django.core.management import call_command

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "certificates_test_cache"}
    }
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 2
    call_command("createcachetable", verbosity=0)
    certificate = issued_certificate()
    assert client.get(verify_url(certificate.display_code)).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM certificates_test_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert [key for key in keys if key.startswith(":1:rl:")], keys
    # Another process has its own cache handler but the same table: it counts on from there.
    other_process_cache = caches.create_connection("default")
    assert other_process_cache.get(next(k for k in keys if k.startswith(":1:rl:")).split(":", 2)[-1]) == 1
    assert client.get(verify_url(certificate.display_code)).status_code == 200
    assert client.get(verify_url(certificate.display_code)).status_code == 429


def test_a_code_typed_any_way_costs_one_lookup_of_the_rate_limit(client, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 2
    certificate = issued_certificate()
    assert client.get(verify_url(certificate.code.lower()), follow=True).status_code == 200
    assert client.get(verify_url(certificate.display_code)).status_code == 200
    assert client.get(verify_url(certificate.code.lower()), follow=True).status_code == 429


def test_verification_stays_up_when_the_cache_table_is_missing(client, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "certificates_no_such_table"}
    }
    certificate = issued_certificate()
    response = client.get(verify_url(certificate.display_code))
    assert response.status_code == 200
    assert "genuine and valid" in response.content.decode()
    assert "createcachetable" in caplog.text
