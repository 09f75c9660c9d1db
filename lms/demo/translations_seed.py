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

COURSE_SLUG = "foundations-of-anti-racism"  # the course whose every text and page the tests check
MODULE_TEXT_FIELDS = {
    "reading": "body",
    "quiz": "instructions",
    "reflection": "prompt",
    "video": "transcript",
    "live_session": "description",
}


def seed(demo):
    from courses.catalogue.models import Course

    languages = loader.translation_languages()
    counts = {"courses": set(), "curricula": set(), "series": 0}
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for language in languages:
            data = loader.load(f"courses.{language}")
            translate_topics(language, data["topics"])
            courses = {course.slug: course for course in Course.objects.filter(slug__in=data["courses"])}
            for slug, texts in data["courses"].items():
                if slug in courses:
                    translate_course(courses[slug], language, texts)
                    counts["courses"].add(slug)
            translate_community_dialogue(language, data["community_dialogue"])
            counts["curricula"] |= translate_curricula(language, data["curricula"])
            counts["series"] = translate_sessions(language, data["sessions"])
        strings = {language: loader.load(f"pages.{language}")["strings"] for language in languages}
        pages = translate_pages(strings)
    if not counts["courses"]:
        demo.say("Translations: no course of the demo to translate.")
        return
    demo.say(
        f"Translations: {len(counts['courses'])} courses, {len(counts['curricula'])} curricula, "
        f"{counts['series']} series with their sessions and {pages} pages in "
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

    if "modules" not in data:
        return  # only the catalogue texts (title, summary) are translated so far
    texts_by_position = data["modules"]
    for module in Module.objects.filter(course=course, position__lt=len(texts_by_position)):
        texts = texts_by_position[module.position]
        _set(module, "title", language, texts["title"])
        field_name = MODULE_TEXT_FIELDS.get(module.kind)
        if module.kind == "video":
            _set(module, "transcript", language, loader.transcript(texts["narration"]))
            _save_captions(module, course, language, texts["narration"])
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


def _save_captions(video, course, language, narration):
    """The video's WebVTT track in `language`, from the same translated lines as its transcript."""
    from django.core.files.base import ContentFile

    from .courses import _read, webvtt

    track = getattr(video, build_localized_fieldname("captions", language))
    captions = webvtt(narration).encode()
    if not track or _read(track) != captions:
        track.save(f"{course.slug}-{video.position}.{language}.vtt", ContentFile(captions), save=False)
        video.save()


def translate_community_dialogue(language, data):
    """The community dialogue's course (it has no course page of its own) and its one live module."""
    from courses.catalogue.models import Course, LiveSessionModule

    course = Course.objects.filter(slug=loader.load("courses.en")["community_dialogue"]["slug"]).first()
    if course is None:
        return
    _set(course, "title", language, data["title"])
    _set(course, "summary", language, data["summary"])
    course.save()
    for module in LiveSessionModule.objects.filter(course=course):
        _set(module, "title", language, data["live_module"]["title"])
        module.save()


def translate_curricula(language, data) -> set[str]:
    """Each curriculum's name and description, keyed by its slug in `data`."""
    from courses.curricula.models import Curriculum

    done = set()
    for curriculum in Curriculum.objects.filter(slug__in=data):
        _set(curriculum, "name", language, data[curriculum.slug]["name"])
        _set(curriculum, "description", language, data[curriculum.slug]["description"])
        curriculum.save()
        done.add(curriculum.slug)
    return done


def translate_sessions(language, data) -> int:
    """Series' and sessions' own titles and their rooms, keyed by the English text. Returns how many
    series have a translated title or room."""
    from django.db.models import Q

    from courses.scheduling.models import Session, SessionSeries

    title_field = build_localized_fieldname("title", language)
    room_field = build_localized_fieldname("room", language)
    for model in (SessionSeries, Session):
        for english, text in data["titles"].items():
            model.objects.filter(title_en=english).update(**{title_field: text})
        for english, text in data["rooms"].items():
            model.objects.filter(room_en=english).update(**{room_field: text})
    return SessionSeries.objects.filter(Q(title_en__in=data["titles"]) | Q(room_en__in=data["rooms"])).count()


def _segments_translated(page, segments, strings) -> bool:
    """Whether `strings` translate every text of the page; its slug and the site's name (the home
    page's title) stay as they are."""
    kept = {page.slug, loader.load("pages.en")["home"]["title"]}
    return all(segment.string.data in strings or segment.string.data in kept for segment in segments)


def translate_pages(strings_by_language):
    """Translate, with wagtail-localize, every English page whose texts the data files translate in
    full (a page with one text missing stays untranslated, and the missing-translations report shows
    it): record each English segment's translation, then let wagtail-localize build the translated page.
    Returns how many English pages were translated."""
    from wagtail.models import Locale, Page
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    default = Locale.get_default()
    locales = {language: Locale.objects.get(language_code=language) for language in strings_by_language}
    pages, done = [], 0
    for original in Page.objects.filter(locale=default, depth__gt=1).live().order_by("path").specific():
        source, _created = TranslationSource.update_or_create_from_instance(original)
        segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
        languages = [
            lang for lang, strings in strings_by_language.items() if _segments_translated(original, segments, strings)
        ]
        if not languages:
            continue
        pages.append(original)
        done += 1
        for language in languages:
            strings, locale = strings_by_language[language], locales[language]
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
    return done


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
