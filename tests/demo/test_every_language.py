"""Demo content in every language: captions per language, curricula, series and session titles and
rooms, and the missing-translations report for what the data files translate."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page

import lms.demo.cms
import lms.demo.courses
import lms.demo.translations_seed
from cms import translation_report as reports
from cms.models import ReadingCirclePage, ReadingCirclesIndexPage, ResourcePage
from courses.catalogue.models import Course, VideoModule
from courses.scheduling import services
from courses.scheduling.models import Session
from lms.demo import loader
from lms.demo.management.commands.seed_demo import SEEDERS, DemoContext
from lms.demo.translations_seed import translate_curricula, translate_sessions
from tests.courses.factories import course_with_every_kind, enrolled, learner
from tests.curricula.factories import CurriculumFactory
from tests.factories import facilitator
from tests.scheduling.factories import SessionFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "vi", "zh-hans", "ar"]


def seed(capture):
    demo = DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    with translation.override("en"), capture(execute=True), transaction.atomic():
        lms.demo.courses.seed(demo)
        lms.demo.cms.seed(demo)
        lms.demo.translations_seed.seed(demo)
    return demo


def video_page(client, user, course, video, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    enrolled(user, course)
    return client.get(f"/learn/{course.slug}/{video.pk}/").content.decode()


def test_a_video_offers_a_track_per_language_and_the_viewers_is_the_default(client):
    course, modules = course_with_every_kind()
    video = modules["video"]
    video.captions_vi.save("vi.vtt", ContentFile("WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào.\n".encode()), save=True)

    page = video_page(client, learner(preferred_language="vi"), course, video, "vi")

    assert page.count('<track kind="captions"') == 2
    label = translation.get_language_info("vi")["name_local"]
    assert f'srclang="vi" label="{label}" default>' in page
    assert 'srclang="en" label="English">' in page
    assert 'id="captions-notice"' not in page


def test_a_video_with_english_captions_only_says_so_in_the_viewers_language(client):
    course, modules = course_with_every_kind()

    page = video_page(client, learner(preferred_language="es"), course, modules["video"], "es")

    assert 'srclang="en" label="English" default>' in page
    with translation.override("es"):
        notice = translation.gettext("Captions in English only.")
    assert notice != "Captions in English only."
    assert notice in page


def test_the_demo_videos_have_captions_in_every_language_their_narration_is_translated_into(
    django_capture_on_commit_callbacks,
):
    seed(django_capture_on_commit_callbacks)
    for language in LANGUAGES:
        for slug, texts in loader.load(f"courses.{language}")["courses"].items():
            for position, module in enumerate(texts.get("modules", [])):
                if "narration" not in module:
                    continue
                video = VideoModule.objects.get(course__slug=slug, position=position)
                track = getattr(video, f"captions_{language.replace('-', '_')}")
                content = track.read().decode()
                assert content.startswith("WEBVTT")
                assert module["narration"][0]["text"] in content


def test_curricula_series_sessions_and_rooms_are_translated():
    CurriculumFactory(slug="anti-racism-foundations", name="Anti-Racism Foundations")
    session = SessionFactory(title="Implicit bias workshop: slowing down decisions", room="City Hall, room 301")
    data = loader.load("courses.vi")

    translate_curricula("vi", data["curricula"])
    translate_sessions("vi", data["sessions"])

    session.refresh_from_db()
    assert session.title_vi == "Hội thảo về thiên kiến ngầm: chậm lại trước khi quyết định"
    assert session.room_vi == "Tòa Thị chính, phòng 301"
    with translation.override("vi"):
        assert session.display_title == session.title_vi


def test_a_session_page_shows_the_translated_title_and_room(client):
    session = SessionFactory(title="Implicit bias workshop: slowing down decisions", room="City Hall, room 301")
    translate_sessions("ar", loader.load("courses.ar")["sessions"])
    client.force_login(learner(preferred_language="ar"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    assert "مبنى البلدية، الغرفة 301" in page
    assert "ورشة عمل عن التحيز الضمني" in page


def test_a_facilitator_working_in_vietnamese_changes_the_source_room_and_stale_translations_go():
    runner = facilitator()
    session = SessionFactory(room="City Hall, room 301", facilitators=[runner])
    translate_sessions("vi", loader.load("courses.vi")["sessions"])
    session.refresh_from_db()
    assert session.room_vi

    with translation.override("vi"):
        services.session_update(session=session, actor=runner, room="Council chamber")

    session = Session.objects.get(pk=session.pk)
    assert session.room_en == "Council chamber"
    assert not session.room_vi
    with translation.override("vi"):
        assert session.room == "Council chamber"  # the source text until it is translated again


def test_a_series_hands_every_language_of_its_room_down_to_its_sessions():
    from tests.scheduling.factories import SeriesFactory

    runner = facilitator()
    series = SeriesFactory(room="City Hall, room 301", facilitators=[runner])
    translate_sessions("es", loader.load("courses.es")["sessions"])
    services.series_materialize(series_id=series.pk)

    sessions = Session.objects.filter(series=series)
    assert sessions.exists()
    assert set(sessions.values_list("room_es", flat=True)) == {"Ayuntamiento, sala 301"}


def test_every_demo_course_has_its_catalogue_texts_in_every_language(django_capture_on_commit_callbacks):
    seed(django_capture_on_commit_callbacks)
    for course in Course.objects.all():
        for language in LANGUAGES:
            field = language.replace("-", "_")
            assert getattr(course, f"title_{field}"), (course.slug, language)
            assert getattr(course, f"summary_{field}"), (course.slug, language)


def test_the_report_lists_nothing_for_the_courses_and_pages_the_data_translates_in_full(
    django_capture_on_commit_callbacks,
):
    seed(django_capture_on_commit_callbacks)
    full = {
        slug
        for slug, texts in loader.load("courses.es")["courses"].items()
        if "modules" in texts
        and all("modules" in loader.load(f"courses.{language}")["courses"].get(slug, {}) for language in LANGUAGES)
    }
    assert "foundations-of-anti-racism" in full
    ids = list(Course.objects.filter(slug__in=full).values_list("pk", flat=True))

    statuses = reports.course_translation_status(course_ids=ids)

    assert len(statuses) == len(full)
    assert all(not status.missing for status in statuses), [
        (status.course.slug, dict(status.missing)) for status in statuses if status.missing
    ]
    missing_pages = {status.page.slug for status in reports.pages_missing_translations()}
    course_pages = {spec["slug"] for spec in loader.courses()}
    translated_pages = {"resources", "glossary-of-equity-terms", "pronouns-and-inclusive-language"}
    assert not missing_pages & {"home", "courses", *course_pages, *translated_pages, "guide-to-inclusive-meetings"}


def seed_the_whole_demo(capture, monkeypatch):
    """Every seeder, in `seed_demo`'s order and in its one transaction. As under `seed_demo`, the tasks
    the seeders queue (e-mails, certificates' files) wait in the queue: run inline, as the test settings
    have them, they take minutes and translate nothing."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)
    demo = DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    with translation.override("en"), capture(execute=True), transaction.atomic():
        for seeder in SEEDERS:
            seeder.seed(demo)
    return demo


def test_after_the_whole_demo_the_missing_translations_report_is_empty(django_capture_on_commit_callbacks, monkeypatch):
    seed_the_whole_demo(django_capture_on_commit_callbacks, monkeypatch)
    english_pages = Page.objects.filter(locale=Locale.get_default(), depth__gt=1).live()
    assert english_pages.type(ResourcePage).count() == len(loader.load("pages.en")["resources"])
    assert english_pages.type(ReadingCirclePage).exists() and english_pages.type(ReadingCirclesIndexPage).exists()

    courses = reports.course_translation_status()
    pages = reports.pages_missing_translations()

    assert len(courses) == Course.objects.count() > 0
    assert [(status.course.slug, dict(status.missing)) for status in courses if status.missing] == []
    assert [(status.page.url_path, status.missing_languages) for status in pages] == []
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        translated = Page.objects.filter(locale=locale, alias_of__isnull=True).live()
        assert translated.count() == english_pages.count(), language


def test_no_checklist_item_of_a_translated_resource_is_left_in_english(django_capture_on_commit_callbacks):
    seed(django_capture_on_commit_callbacks)
    english = {
        item for page in ResourcePage.objects.filter(locale=Locale.get_default()) for item in checklist_items(page)
    }
    assert len(english) > 40

    for language in LANGUAGES:
        pages = ResourcePage.objects.filter(locale__language_code=language, alias_of__isnull=True)
        items = [item for page in pages for item in checklist_items(page)]
        assert len(items) == len(english), language
        assert not english & set(items), (language, english & set(items))


def checklist_items(page):
    return [str(item) for block in page.body if block.block_type == "checklist" for item in block.value["items"]]
