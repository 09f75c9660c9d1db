import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, Site

import lms.demo.cms
import lms.demo.courses
from cms.models import CourseIndexPage, CoursePage, HomePage, ResourceHubPage, ResourcePage, ResourcePageTopic
from courses.catalogue.models import (
    Choice,
    Course,
    LiveSessionModule,
    Module,
    Question,
    QuizModule,
    ReadingModule,
    Topic,
    VideoModule,
)
from lms.demo.management.commands.seed_demo import DemoContext

pytestmark = pytest.mark.django_db

COUNTED = [
    Topic,
    Course,
    Module,
    Question,
    Choice,
    Page,
    Revision,
    ResourcePageTopic,
    get_document_model(),
    Site,
]


def demo_context():
    return DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())


def seed():
    demo = demo_context()
    lms.demo.courses.seed(demo)
    lms.demo.cms.seed(demo)
    return demo


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seeding_twice_duplicates_nothing():
    seed()
    first = counts()
    captions = sorted(VideoModule.objects.values_list("captions", flat=True))

    seed()

    assert counts() == first
    assert sorted(VideoModule.objects.values_list("captions", flat=True)) == captions


def test_the_seed_fills_the_course_catalogue_for_later_seeders():
    demo = seed()

    assert {
        "foundations-of-anti-racism",
        "understanding-implicit-bias",
        "language-access-in-city-services",
        "advancing-racial-equity-in-city-government",
    } <= set(demo.courses)
    assert all(isinstance(course, Course) for course in demo.courses.values())


def test_every_kind_of_module_and_quiz_is_seeded():
    seed()

    kinds = {module.kind for module in Module.objects.all()}
    assert kinds == {"reading", "video", "quiz", "reflection", "live_session"}
    assert set(QuizModule.objects.values_list("quiz_kind", flat=True)) == set(QuizModule.Kind.values)
    for quiz in QuizModule.objects.all():
        assert 4 <= quiz.questions.count() <= 6
        for question in quiz.questions.all():
            assert question.explanation
            assert question.choices.filter(is_correct=True).count() == 1
    reading_circle = Course.objects.get(format=Course.Format.READING_CIRCLE)
    assert reading_circle.modules.instance_of(LiveSessionModule).get().required_attendances == 4


def test_videos_have_webvtt_captions_and_a_full_transcript():
    seed()

    for video in VideoModule.objects.all():
        video.full_clean()
        with video.captions.open("rb") as captions:
            text = captions.read().decode()
        assert text.startswith("WEBVTT")
        assert "-->" in text
        # Every captioned line is in the transcript.
        first_cue = text.split("\n\n")[1].splitlines()[-1].split(">", 1)[-1]
        assert first_cue in video.transcript


def test_the_seed_publishes_the_site_pages():
    seed()

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.live and home.featured_courses
    assert CourseIndexPage.objects.live().child_of(home).get().slug == "courses"
    assert CoursePage.objects.live().count() == Course.objects.count()
    hub = ResourceHubPage.objects.live().child_of(home).get()
    assert 8 <= ResourcePage.objects.live().child_of(hub).count() <= 12
    assert ReadingModule.objects.filter(resource_page__isnull=False).exists()


def test_seeded_pages_answer(client):
    seed()

    for url in ["/", "/courses/", "/resources/", "/resources/glossary-of-equity-terms/", "/resources/?q=interpreter"]:
        assert client.get(url).status_code == 200, url
