"""Reads for the editors' "Missing translations" report: engine content fields and Wagtail pages
that have no translation in a language yet. A constant number of queries, whatever the catalogue size."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def other_languages() -> list[tuple[str, str]]:
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [(code, name) for code, name in settings.LANGUAGES if code != default]


@dataclass
class MissingItem:
    """One object with fields that have text in the default language and none in `language`."""

    kind: str
    label: str
    fields: list[str]


@dataclass
class CourseTranslationStatus:
    course: object
    total_fields: int = 0
    missing: dict = field(default_factory=lambda: defaultdict(list))  # language -> [MissingItem]

    def missing_count(self, language: str) -> int:
        return sum(len(item.fields) for item in self.missing.get(language, []))

    @property
    def cells(self):
        """(language code, missing field count) for every language, in LANGUAGES order."""
        return [(code, self.missing_count(code)) for code, _name in other_languages()]


def _translatable_fields(model) -> list[str]:
    return list(translator.get_options_for_model(model).all_fields)


def _check(status, obj, kind, label):
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    names = [name for name in _translatable_fields(type(obj)) if getattr(obj, build_localized_fieldname(name, default))]
    status.total_fields += len(names)
    for code, _name in other_languages():
        missing = [name for name in names if not getattr(obj, build_localized_fieldname(name, code))]
        if missing:
            verbose = [str(type(obj)._meta.get_field(name).verbose_name) for name in missing]
            status.missing[code].append(MissingItem(kind=kind, label=label, fields=verbose))


def course_translation_status(course_ids=None) -> list[CourseTranslationStatus]:
    """For every course (or those in `course_ids`): which of its texts — title, summary, each module's
    title and text, each question, choice and explanation — lack a translation, per language."""
    from courses.catalogue.models import Choice, Course, Module, Question

    courses = Course.objects.order_by("title_en", "pk")
    if course_ids is not None:
        courses = courses.filter(pk__in=course_ids)
    statuses = {course.pk: CourseTranslationStatus(course=course) for course in courses}
    for status in statuses.values():
        _check(status, status.course, _("Course"), status.course.title_en)
    modules = Module.objects.filter(course_id__in=statuses).order_by("course_id", "position", "id")
    for module in modules:
        kind = str(module.kind_label).capitalize()
        _check(statuses[module.course_id], module, kind, module.title_en)
    questions = (
        Question.objects.filter(quiz__course_id__in=statuses).select_related("quiz").order_by("quiz", "position")
    )
    for question in questions:
        label = f"{question.quiz.title_en}: “{(question.text_en or '')[:60]}”"
        _check(statuses[question.quiz.course_id], question, _("Question"), label)
    choices = (
        Choice.objects.filter(question__quiz__course_id__in=statuses)
        .select_related("question__quiz")
        .order_by("question__quiz", "question__position", "position")
    )
    for choice in choices:
        question = choice.question
        label = f"{question.quiz.title_en}: “{(question.text_en or '')[:40]}” → “{(choice.text_en or '')[:40]}”"
        _check(statuses[choice.question.quiz.course_id], choice, _("Choice"), label)
    return list(statuses.values())


@dataclass
class PageTranslationStatus:
    page: object
    missing_languages: list[str]


def pages_missing_translations() -> list[PageTranslationStatus]:
    """Live pages in the default language that some language has no real translation of (an alias,
    wagtail-localize's untranslated copy, does not count)."""
    from wagtail.models import Locale, Page

    default = Locale.get_default()
    order = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}
    locales = {
        locale.pk: locale.language_code
        for locale in sorted(Locale.objects.all(), key=lambda locale: order.get(locale.language_code, len(order)))
    }
    translated = set(
        Page.objects.exclude(locale=default).filter(alias_of__isnull=True).values_list("translation_key", "locale_id")
    )
    names = dict(settings.LANGUAGES)
    result = []
    for page in Page.objects.filter(locale=default, depth__gt=1).live().order_by("path"):
        missing = [
            names.get(code, code)
            for pk, code in locales.items()
            if pk != default.pk and code in names and (page.translation_key, pk) not in translated
        ]
        if missing:
            result.append(PageTranslationStatus(page=page, missing_languages=missing))
    return result
