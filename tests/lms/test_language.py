"""Which language a person gets, and the language switcher."""

import pytest
from django.conf import settings

from tests.cms.factories_translations import course_page, translate_page
from tests.courses.factories import learner

pytestmark = pytest.mark.django_db


def switch(client, language, next_url):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def html_lang(response):
    text = response.content.decode()
    return text[text.index("<html") : text.index(">", text.index("<html")) + 1]


def test_visitors_get_their_browsers_language_on_engine_pages(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi,en;q=0.5")

    assert 'lang="vi"' in html_lang(response)


def test_a_visitors_browser_language_leads_a_cms_page_to_its_url_in_that_language(client, site_root):
    page = course_page(site_root, slug="foundations")

    response = client.get(page.url, HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 302
    assert response["Location"] == "/es/courses/foundations/"
    assert "Accept-Language" in response["Vary"]


def test_a_visitor_who_chose_english_stays_on_the_english_page(client, site_root):
    page = course_page(site_root, slug="foundations")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(page.url, HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 200
    assert 'lang="en"' in html_lang(response)


def test_an_untranslated_page_is_served_in_the_original_under_the_language_prefix(client, site_root):
    page = course_page(site_root, slug="foundations", title="Foundations of Anti-Racism")

    response = client.get("/es/courses/foundations/")

    assert response.status_code == 200
    assert 'lang="es"' in html_lang(response)
    assert "Foundations of Anti-Racism" in response.content.decode()
    assert page.title in response.content.decode()


def test_the_employees_preferred_language_wins_over_the_browser_and_an_old_cookie(client):
    user = learner(preferred_language="vi")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get("/learn/", HTTP_ACCEPT_LANGUAGE="ar")

    assert 'lang="vi"' in html_lang(response)


def test_an_employee_preferring_spanish_is_sent_to_the_spanish_url_of_a_cms_page(client, site_root):
    page = course_page(site_root, slug="foundations")
    client.force_login(learner(preferred_language="es"))

    response = client.get(page.url)

    assert response["Location"] == "/es/courses/foundations/"


def test_switching_language_while_logged_in_updates_the_preferred_language(client):
    user = learner(preferred_language="en")
    client.force_login(user)

    response = switch(client, "zh-hans", "/learn/")

    user.employee.refresh_from_db()
    assert user.employee.preferred_language == "zh-hans"
    assert response["Location"] == "/learn/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert 'lang="zh-hans"' in html_lang(client.get("/learn/"))


def test_switching_on_an_untranslated_cms_page_keeps_the_page_under_the_new_prefix(client, site_root):
    course_page(site_root, slug="foundations")

    response = switch(client, "es", "/courses/foundations/")

    assert response["Location"] == "/es/courses/foundations/"
    assert client.get(response["Location"]).status_code == 200


def test_switching_on_a_translated_cms_page_lands_on_the_translations_url(
    client, site_root, django_capture_on_commit_callbacks
):
    page = course_page(site_root, slug="foundations")
    translate_page(page, "es", capture=django_capture_on_commit_callbacks, title="Fundamentos", slug="fundamentos")

    to_spanish = switch(client, "es", "/courses/foundations/?from=mail")
    back = switch(client, "en", to_spanish["Location"])

    assert to_spanish["Location"] == "/es/courses/fundamentos/?from=mail"
    assert "Fundamentos" in client.get("/es/courses/fundamentos/").content.decode()
    assert back["Location"] == "/courses/foundations/?from=mail"


def test_switching_from_a_prefixed_page_to_another_language_without_translation(client, site_root):
    course_page(site_root, slug="foundations")

    response = switch(client, "ar", "/es/courses/foundations/")

    assert response["Location"] == "/ar/courses/foundations/"


def test_an_unknown_language_changes_nothing(client):
    user = learner(preferred_language="es")
    client.force_login(user)

    response = switch(client, "klingon", "/learn/")

    user.employee.refresh_from_db()
    assert user.employee.preferred_language == "es"
    assert response["Location"] == "/learn/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switcher_does_not_redirect_to_another_site(client):
    response = switch(client, "es", "https://evil.example/phish")

    assert response["Location"] == "/es/"  # the home page, in Spanish


def test_arabic_pages_are_right_to_left(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ar")

    assert 'dir="rtl"' in html_lang(response)


def test_the_switcher_is_on_every_page_and_posts_the_current_page(client, site_root):
    page = course_page(site_root, slug="foundations")
    for url in ("/accounts/login/", page.url, "/es/courses/foundations/"):
        text = client.get(url).content.decode()
        assert 'action="/i18n/setlang/"' in text
        assert f'name="next" type="hidden" value="{url}"' in text


def test_every_language_has_a_wagtail_locale():
    from wagtail.models import Locale

    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes >= {code for code, _name in settings.LANGUAGES}
