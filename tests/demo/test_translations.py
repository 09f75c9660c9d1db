"""The demo shows one course in every language: Foundations of Anti-Racism and its pages."""

import io
import re

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, TranslationSource

import lms.demo.cms
import lms.demo.courses
import lms.demo.translations_seed
from cms import translation_report as reports
from cms.models import CoursePage
from courses.catalogue.models import Course, Question
from lms.demo.management.commands.seed_demo import SEEDERS, DemoContext

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "vi", "zh-hans", "ar"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def seed(capture):
    demo = DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    # As `seed_demo` does: one transaction, translations published when it commits.
    with capture(execute=True), transaction.atomic():
        lms.demo.courses.seed(demo)
        lms.demo.cms.seed(demo)
        lms.demo.translations_seed.seed(demo)
    return demo


def test_the_demo_seeds_translations_after_the_pages():
    assert SEEDERS.index(lms.demo.translations_seed) > SEEDERS.index(lms.demo.cms)


def test_every_text_of_the_course_is_translated_into_every_language(django_capture_on_commit_callbacks):
    seed(django_capture_on_commit_callbacks)
    course = Course.objects.get(slug="foundations-of-anti-racism")

    status = reports.course_translation_status([course.pk])[0]

    assert status.total_fields > 60
    assert {language: status.missing_count(language) for language in LANGUAGES} == dict.fromkeys(LANGUAGES, 0)


def test_translations_keep_the_placeholders_and_markup_of_the_english(django_capture_on_commit_callbacks):
    seed(django_capture_on_commit_callbacks)
    course = Course.objects.get(slug="foundations-of-anti-racism")
    reading = course.modules.get(position=1)

    for language in LANGUAGES:
        field = f"body_{language.replace('-', '_')}"
        assert re.findall(r"<(\w+)", getattr(reading, field)) == re.findall(r"<(\w+)", reading.body_en), language


def test_seeding_twice_changes_no_translation_and_adds_no_page(django_capture_on_commit_callbacks):
    seed(django_capture_on_commit_callbacks)
    pages = Page.objects.count()
    texts = sorted(Question.objects.filter(text_ar__isnull=False).values_list("text_ar", flat=True))

    seed(django_capture_on_commit_callbacks)

    assert Page.objects.count() == pages
    assert sorted(Question.objects.filter(text_ar__isnull=False).values_list("text_ar", flat=True)) == texts


def test_the_course_page_is_translated_with_wagtail_localize_and_served_in_each_language(
    client, django_capture_on_commit_callbacks
):
    seed(django_capture_on_commit_callbacks)
    seed(django_capture_on_commit_callbacks)  # a second run must keep the translated tree routable
    english = CoursePage.objects.get(locale__language_code="en", course__slug="foundations-of-anti-racism")
    source = TranslationSource.objects.get(object_id=english.translation_key)

    expected = {
        "es": "Fundamentos del antirracismo",
        "vi": "Nền tảng chống phân biệt chủng tộc",
        "ar": "أسس مناهضة العنصرية",
    }
    expected["zh-hans"] = "反种族主义基础"
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        page = english.get_translation(locale)
        untranslated = StringSegment.objects.filter(source=source).exclude(string__translations__locale=locale)
        assert not untranslated.exists(), (language, list(untranslated.values_list("string__data", flat=True)))
        assert page.title == expected[language]
        response = client.get(page.url, HTTP_HOST="localhost")
        assert response.status_code == 200, (language, page.url)
        assert f'<html lang="{language}"' in response.content.decode()
        assert expected[language] in response.content.decode()
    assert (
        english.get_translation(Locale.objects.get(language_code="es")).url
        == "/es/cursos/fundamentos-del-antirracismo/"
    )


def test_a_learner_takes_the_course_in_arabic(client, django_capture_on_commit_callbacks):
    from tests.courses.factories import enrolled, learner

    seed(django_capture_on_commit_callbacks)
    course = Course.objects.get(slug="foundations-of-anti-racism")
    user = learner(preferred_language="ar")
    enrollment = enrolled(user, course)
    client.force_login(user)
    video = course.modules.get(position=3)
    # The course has a final check, so its modules are taken in order: the ones before the video are done.
    from courses.catalogue.services import module_complete

    for module in course.modules.filter(position__lt=video.position):
        module_complete(enrollment=enrollment, module=module)

    text = client.get(f"/learn/{course.slug}/{video.pk}/").content.decode()

    assert "الراوي: مرحبًا بكم." in text
    assert ' lang="en"' not in text.split("<main", 1)[1]  # nothing falls back to English
