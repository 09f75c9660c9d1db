"""The demo's data files load, refer to things that exist, and every translation has exactly the keys
of the English it translates, with its markup and placeholders."""

import io
import json
import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, TranslationSource

import lms.demo.cms
import lms.demo.courses
import lms.demo.programme
import lms.demo.scheduling
from cms.models import CoursePage
from lms.demo import loader, people, translations_seed
from lms.demo.management.commands.seed_demo import DemoContext

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# Which field of each kind of module is translated besides its title.
TRANSLATED_FIELD = {
    "reading": "body",
    "video": "narration",
    "quiz": "instructions",
    "reflection": "prompt",
    "live": "description",
}
TAG = re.compile(r"<(/?\w+)([^>]*)>")


def tags(text):
    """The markup of a text, in any order: its tags with their attributes (placeholders such as
    `<a id="a1">` included)."""
    return Counter(TAG.findall(text))


def english_courses():
    return {course["slug"]: course for course in loader.courses()}


def test_every_data_file_is_valid_json():
    files = sorted(loader.DATA_DIR.glob("*.json"))
    assert {path.stem for path in files} >= {
        "organisation",
        "courses.en",
        "pages.en",
        "sessions",
        "curricula",
        "certificates",
    }
    for path in files:
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path.name


def test_the_demo_is_translated_into_every_language_of_the_site():
    assert loader.translation_languages() == TRANSLATED
    for language in TRANSLATED:
        assert (loader.DATA_DIR / f"pages.{language}.json").exists(), language


def test_quizzes_take_their_bank_questions_and_each_question_has_one_correct_choice():
    for course in loader.courses():
        for module in course["modules"]:
            for question in module.get("questions", []):
                assert question["text"] and question["explanation"], course["slug"]
                assert [choice["correct"] for choice in question["choices"]].count(True) == 1, question["text"]
    foundations = english_courses()["foundations-of-anti-racism"]
    post_test = foundations["modules"][-1]
    assert post_test["questions"] == loader.load("courses.en")["question_banks"]["foundations"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_course_translations_have_exactly_the_english_keys(language):
    data = loader.load(f"courses.{language}")
    english = english_courses()

    assert set(data) == {"topics", "courses", "community_dialogue", "curricula", "sessions"}
    assert set(data["topics"]) == {topic["slug"] for topic in loader.load("courses.en")["topics"]}
    assert set(data["courses"]) <= set(english)
    for slug, translated in data["courses"].items():
        source = english[slug]
        if set(translated) == {"title", "summary"}:
            continue  # the catalogue texts only, for now: the report of missing translations lists the rest
        assert set(translated) == {"title", "summary", "modules", "questions"}, slug
        assert len(translated["modules"]) == len(source["modules"]), slug
        for position, (module, texts) in enumerate(zip(source["modules"], translated["modules"], strict=True)):
            field = TRANSLATED_FIELD.get(module["kind"])
            expected = {"title"} | ({field} if field and field in module else set())
            assert set(texts) == expected, (slug, position)
            if module["kind"] == "video":
                assert len(texts["narration"]) == len(module["narration"]), (slug, position)
                assert all(set(line) == {"speaker", "text"} for line in texts["narration"]), (slug, position)
                assert [bool(line["speaker"]) for line in texts["narration"]] == [
                    bool(line["speaker"]) for line in module["narration"]
                ], (slug, position)
        questions = {question["text"]: question for question in loader.distinct_questions(source)}
        assert set(translated["questions"]) == set(questions), slug
        for text, target in translated["questions"].items():
            assert set(target) == {"text", "explanation", "choices"}, text
            assert len(target["choices"]) == len(questions[text]["choices"]), text
            assert all(isinstance(choice, str) and choice for choice in target["choices"]), text


def english_session_texts():
    sessions = loader.load("sessions")
    series = sessions["monthly_series"] + sessions["programme"]["series"]
    return {spec["title"] for spec in series if spec.get("title")}, {spec["room"] for spec in series if spec["room"]}


@pytest.mark.parametrize("language", TRANSLATED)
def test_curricula_sessions_rooms_and_the_dialogue_are_translated_in_full(language):
    data = loader.load(f"courses.{language}")
    curricula = {spec["curriculum"]["slug"] for spec in loader.load("curricula").values() if "curriculum" in spec}
    titles, rooms = english_session_texts()

    assert set(data["curricula"]) == curricula
    assert all(set(texts) == {"name", "description"} and all(texts.values()) for texts in data["curricula"].values())
    assert set(data["sessions"]) == {"titles", "rooms"}
    assert set(data["sessions"]["titles"]) == titles
    assert set(data["sessions"]["rooms"]) == rooms
    assert all(text.strip() for text in [*data["sessions"]["titles"].values(), *data["sessions"]["rooms"].values()])
    dialogue = data["community_dialogue"]
    assert set(dialogue) == {"title", "summary", "live_module"} and set(dialogue["live_module"]) == {"title"}


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_markup_and_placeholders_of_the_english(language):
    english = english_courses()
    for slug, translated in loader.load(f"courses.{language}")["courses"].items():
        for module, texts in zip(english[slug]["modules"], translated.get("modules", []), strict=False):
            for field, text in texts.items():
                if isinstance(text, str):
                    assert tags(text) == tags(module[field]), (slug, module["title"], field)
    for source, text in loader.load(f"pages.{language}")["strings"].items():
        assert text.strip(), source
        assert tags(text) == tags(source), source


def test_every_language_translates_the_same_page_texts():
    keys = {language: set(loader.load(f"pages.{language}")["strings"]) for language in TRANSLATED}
    assert all(strings == keys[TRANSLATED[0]] for strings in keys.values())


@pytest.mark.django_db
def test_page_translations_are_keyed_by_the_segments_of_the_english_pages():
    demo = DemoContext(password="x", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    with translation.override("en"):
        # The reading-circle pages come with the programme, which needs the people and the sessions.
        for seeder in (people, lms.demo.courses, lms.demo.cms, lms.demo.scheduling, lms.demo.programme):
            seeder.seed(demo)
    page = CoursePage.objects.get(course__slug=translations_seed.COURSE_SLUG, locale=Locale.get_default())
    course_pages = list(CoursePage.objects.filter(locale=Locale.get_default()))
    segments = set()
    for original in [*page.get_ancestors().filter(depth__gt=1).specific(), *course_pages]:
        source, _created = TranslationSource.update_or_create_from_instance(original)
        segments |= set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))

    every_segment = set()
    for original in Page.objects.filter(locale=Locale.get_default(), depth__gt=1).specific():
        source, _created = TranslationSource.update_or_create_from_instance(original)
        every_segment |= set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))

    # Only the site's name (the home page's title) and the home page's slug stay as they are.
    kept = {loader.load("pages.en")["home"]["title"], "home"} | {other.slug for other in course_pages if other != page}
    for language in TRANSLATED:
        keys = set(loader.load(f"pages.{language}")["strings"])
        assert keys <= every_segment, (language, keys - every_segment)
        assert segments - keys <= kept, (language, segments - keys)


def test_the_organisation_is_a_consistent_tree_with_known_roles():
    data = people.organisation()
    codes = []
    for department in data["departments"]:
        assert department["parent"] is None or department["parent"] in codes, department["code"]
        assert len(department["job_titles"]) >= 2 and department["staffing_weight"] > 0, department["code"]
        codes.append(department["code"])
    assert [department["parent"] for department in data["departments"]].count(None) == 1
    assert len(codes) == len(set(codes))
    for account in data["role_accounts"]:
        assert account["department"] in codes, account["username"]
        assert set(account["groups"]) <= set(people.GROUPS), account["username"]
        assert account.get("heads") in (None, *codes), account["username"]
        assert account["language"] in dict(settings.LANGUAGES), account["username"]
    for pool in data["name_pools"]:
        assert pool["given_names"] and pool["family_names"] and pool["weight"] > 0
        assert set(pool["languages"]) <= set(dict(settings.LANGUAGES))


def test_sessions_curricula_and_pages_refer_to_courses_the_demo_has():
    slugs = set(english_courses()) | {loader.load("courses.en")["community_dialogue"]["slug"]}
    sessions = loader.load("sessions")
    programme = sessions["programme"]
    assert {series["course"] for series in sessions["monthly_series"] + programme["series"]} <= slugs
    assert set(programme["employee_places"].values()) <= {series["course"] for series in programme["series"]}
    curricula = loader.load("curricula")
    for key in ("foundations", "new_hires", "language_access"):
        assert set(curricula[key]["courses"]) <= slugs, key
    pages = loader.load("pages.en")
    assert set(pages["course_pages"]) <= slugs
    assert set(pages["home"]["featured_courses"]) <= slugs
    resources = {resource["slug"] for resource in pages["resources"]}
    for link in pages["reading_resources"]:
        assert link["resource"] in resources
        assert english_courses()[link["course"]]["modules"][link["position"]]["kind"] == "reading"
    for resource in pages["resources"]:
        assert {download["document"] for download in resource["downloads"]} <= set(pages["documents"])
    assert {circle["course"] for circle in pages["reading_circles"]["circles"]} <= slugs
