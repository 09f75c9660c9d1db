"""Demo: the Foundations of Anti-Racism course and its Wagtail pages in every language, so one course
in many languages can be seen. Engine content goes into the modeltranslation fields; pages are
translated the editors' way, with wagtail-localize (translated strings, then the translation saved),
so the translation editor shows them as translated. Idempotent: a second run rewrites the same texts.

The translations are data: `data/courses.<code>.json` (topics, and per course its title, summary,
modules by position and questions keyed by their English text) and `data/pages.<code>.json` (page
texts keyed by their English wagtail-localize segment), one pair per language code. There is no
service for translating a row, so the translated fields are set on the models directly.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from . import loader

COURSE_SLUG = "foundations-of-anti-racism"
MODULE_TEXT_FIELDS = {"reading": "body", "quiz": "instructions", "reflection": "prompt", "video": "transcript"}


def seed(demo):
    from courses.catalogue.models import Course

    course = Course.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        demo.say("Translations: no Foundations of Anti-Racism course to translate.")
        return
    languages = loader.translation_languages()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for language in languages:
            data = loader.load(f"courses.{language}")
            translate_topics(language, data["topics"])
            translate_course(course, language, data["courses"][COURSE_SLUG])
        strings = {language: loader.load(f"pages.{language}")["strings"] for language in languages}
        pages = translate_pages(course, strings)
    demo.say(
        f"Translations: {course.title_en} and {pages} of its pages in "
        + ", ".join(name for code, name in settings.LANGUAGES if code in languages)
        + "."
    )


def _set(obj, field_name, language, value):
    setattr(obj, build_localized_fieldname(field_name, language), value)


def translate_topics(language, names):
    from courses.catalogue.models import Topic

    for topic in Topic.objects.filter(slug__in=names):
        _set(topic, "name", language, names[topic.slug])
        topic.save()


def translate_course(course, language, data):
    """Write one language's texts of `course`: `data` is its entry in `courses.<language>.json`."""
    from courses.catalogue.models import Module, Question

    _set(course, "title", language, data["title"])
    _set(course, "summary", language, data["summary"])
    course.save()

    texts_by_position = data["modules"]
    for module in Module.objects.filter(course=course, position__lt=len(texts_by_position)):
        texts = texts_by_position[module.position]
        _set(module, "title", language, texts["title"])
        field_name = MODULE_TEXT_FIELDS.get(module.kind)
        if module.kind == "video":
            _set(module, "transcript", language, loader.transcript(texts["narration"]))
        elif field_name:
            _set(module, field_name, language, texts[field_name])
        module.save()

    english = {question["text"]: question for question in loader.distinct_questions(loader.course(course.slug))}
    for question in Question.objects.filter(quiz__course=course).prefetch_related("choices"):
        target = data["questions"][question.text_en]
        _set(question, "text", language, target["text"])
        _set(question, "explanation", language, target["explanation"])
        question.save()
        choices = [choice["text"] for choice in english[question.text_en]["choices"]]
        for choice in question.choices.all():
            _set(choice, "text", language, target["choices"][choices.index(choice.text_en)])
            choice.save()


def translate_pages(course, strings_by_language):
    """Translate the course's page and the pages above it (home, catalogue) with wagtail-localize:
    record each English segment's translation, then let wagtail-localize build the translated page."""
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    from cms.models import CoursePage

    page = CoursePage.objects.filter(course=course, locale=Locale.get_default()).first()
    if page is None:
        return 0
    pages = [*page.get_ancestors().filter(depth__gt=1).specific(), page]
    for original in pages:
        source, _created = TranslationSource.update_or_create_from_instance(original)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for language, strings in strings_by_language.items():
            locale = Locale.objects.get(language_code=language)
            for segment in segments:
                text = strings.get(segment.string.data)
                if text:
                    StringTranslation.objects.update_or_create(
                        translation_of=segment.string,
                        locale=locale,
                        context=segment.context,
                        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
                    )
            target, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
            target.save_target(publish=True)
    keys = [original.translation_key for original in pages]
    transaction.on_commit(lambda: _repair_child_counts(keys))
    return len(pages)


def _repair_child_counts(translation_keys):
    """wagtail-localize publishes each translation when the transaction commits, from the page as it
    was when translated: a parent translated before its child was added is saved back with no
    children, and Wagtail would then not route to them. The seed runs in one transaction, so count the
    children again once those publications are done (registered after them, this runs after them)."""
    from wagtail.models import Page

    for page in Page.objects.filter(translation_key__in=translation_keys):
        count = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if page.numchild != count:
            Page.objects.filter(pk=page.pk).update(numchild=count)
