"""Builders for the language tests: a course page and its translation made with wagtail-localize."""

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from tests.cms import factories as cms
from tests.factories import CourseFactory


def course_page(site_root, **course_fields):
    index = cms.course_index(site_root)
    course = CourseFactory(**course_fields)
    return cms.course_page(index, course, title=course.title, slug=course.slug)


def translate_page(page, language, *, capture, **fields):
    """Translate `page` (and its parents) into `language` with wagtail-localize, then set `fields`
    on the translation (e.g. a translated title and slug) and publish it."""
    locale = Locale.objects.get(language_code=language)
    for original in [*page.get_ancestors().filter(depth__gt=1).specific(), page]:
        if original.get_translation_or_none(locale) is not None:
            continue
        with capture(execute=True):
            source, _created = TranslationSource.get_or_create_from_instance(original.specific)
            source.create_or_update_translation(locale, fallback=True)
    translated = page.get_translation(locale).specific
    if fields:
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        translated.refresh_from_db()
    return translated
