"""Demo: the Foundations of Anti-Racism course and its Wagtail pages in every language, so one course
in many languages can be seen. Engine content goes into the modeltranslation fields; pages are
translated the editors' way, with wagtail-localize (translated strings, then the translation saved),
so the translation editor shows them as translated. Idempotent: a second run rewrites the same texts."""

import importlib

from django.conf import settings
from django.db import transaction
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from lms.demo.course_content import COURSES, FOUNDATIONS_BANK, _transcript

COURSE_SLUG = "foundations-of-anti-racism"
# LANGUAGES code → module of lms.demo.translations
LANGUAGE_MODULES = {"es": "es", "vi": "vi", "zh-hans": "zh_hans", "ar": "ar"}
MODULE_TEXT_FIELDS = {"reading": "body", "quiz": "instructions", "reflection": "prompt", "video": "transcript"}


def course_spec():
    return next(spec for spec in COURSES if spec["slug"] == COURSE_SLUG)


def foundations_questions():
    """The course's distinct questions: its question bank, then the others in order of appearance.
    Each language's QUESTIONS list follows this order."""
    questions = list(FOUNDATIONS_BANK)
    for module in course_spec()["modules"]:
        for question in module.get("questions", []):
            if all(question["text"] != known["text"] for known in questions):
                questions.append(question)
    return questions


def translations(language):
    return importlib.import_module(f"lms.demo.translations.{LANGUAGE_MODULES[language]}")


def seed(demo):
    from courses.catalogue.models import Course

    course = Course.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        demo.say("Translations: no Foundations of Anti-Racism course to translate.")
        return
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for language in LANGUAGE_MODULES:
            data = translations(language)
            translate_topics(language, data.TOPICS)
            translate_course(course, language, data)
        pages = translate_pages(course, {language: translations(language).PAGES for language in LANGUAGE_MODULES})
    demo.say(
        f"Translations: {course.title_en} and {pages} of its pages in "
        + ", ".join(name for code, name in settings.LANGUAGES if code in LANGUAGE_MODULES)
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
    from courses.catalogue.models import Module, Question

    _set(course, "title", language, data.COURSE["title"])
    _set(course, "summary", language, data.COURSE["summary"])
    course.save()

    specs = course_spec()["modules"]
    for module in Module.objects.filter(course=course, position__lt=len(specs)):
        texts = data.MODULES[module.position]
        _set(module, "title", language, texts["title"])
        field_name = MODULE_TEXT_FIELDS.get(module.kind)
        if module.kind == "video":
            _set(module, "transcript", language, _transcript(texts["narration"]))
        elif field_name:
            _set(module, field_name, language, texts[field_name].strip())
        module.save()

    english = foundations_questions()
    if len(english) != len(data.QUESTIONS):
        raise ValueError(f"{language}: {len(data.QUESTIONS)} translated questions for {len(english)} in English")
    by_text = {source["text"]: (source, target) for source, target in zip(english, data.QUESTIONS, strict=True)}
    for question in Question.objects.filter(quiz__course=course).prefetch_related("choices"):
        source, target = by_text[question.text_en]
        _set(question, "text", language, target["text"])
        _set(question, "explanation", language, target["explanation"])
        question.save()
        choices = [text for text, _correct in source["choices"]]
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
