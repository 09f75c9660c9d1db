"""Courses and their modules in the Wagtail admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.catalogue import services
from courses.catalogue.models import Choice, Course, Module, Question, QuizModule, ReadingModule, VideoModule
from tests.courses.factories import course_with_every_kind, enrolled, learner
from tests.factories import CourseFactory, UserFactory, training_admin

pytestmark = pytest.mark.django_db

# What Wagtail's rich text editor posts for one paragraph, "Read this."
DRAFTAIL_TEXT = (
    '{"blocks": [{"key": "a", "text": "Read this.", "type": "unstyled", "depth": 0, '
    '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
)


@pytest.fixture
def admin_client(client):
    client.force_login(training_admin())
    return client


def titles(course):
    return list(Module.objects.filter(course=course).order_by("position", "id").values_list("title", flat=True))


def test_course_edit_page_lists_modules_in_order_with_add_links_for_every_kind(admin_client):
    course, modules = course_with_every_kind(live_session=True)
    content = admin_client.get(f"/admin/courses/edit/{course.pk}/").content.decode()
    positions = [content.index(module.title) for module in modules.values()]
    assert positions == sorted(positions)
    for prefix in ("readings", "videos", "quizzes", "reflections", "live-sessions"):
        assert f"/admin/courses/{prefix}/new/?course={course.pk}" in content


def test_moving_a_module_reorders_the_course(admin_client):
    course, modules = course_with_every_kind()
    before = titles(course)
    response = admin_client.post(f"/admin/courses/{course.pk}/modules/{modules['video'].pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert titles(course) == [before[1], before[0], *before[2:]]
    admin_client.post(f"/admin/courses/{course.pk}/modules/{modules['reflection'].pk}/move/", {"direction": "down"})
    assert titles(course)[-1] == modules["reflection"].title  # already last: stays
    assert list(Module.objects.filter(course=course).values_list("position", flat=True)) == [0, 1, 2, 3]


def test_a_module_of_another_course_cannot_be_moved_through_this_one(admin_client):
    course, _modules = course_with_every_kind()
    _other, other_modules = course_with_every_kind()
    response = admin_client.post(
        f"/admin/courses/{course.pk}/modules/{other_modules['video'].pk}/move/", {"direction": "up"}
    )
    assert response.status_code == 404


def test_adding_a_reading_appends_it_to_the_course(admin_client):
    course, _modules = course_with_every_kind()
    response = admin_client.post(
        f"/admin/courses/readings/new/?course={course.pk}",
        {
            "title": "Further reading",
            "required": "on",
            "body": DRAFTAIL_TEXT,
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/courses/edit/{course.pk}/")
    reading = ReadingModule.objects.get(title="Further reading")
    assert reading.course == course and titles(course)[-1] == "Further reading"


def test_a_video_needs_captions_and_a_transcript(admin_client):
    course = CourseFactory()
    response = admin_client.post(
        f"/admin/courses/videos/new/?course={course.pk}",
        {"title": "Welcome", "required": "on", "video_url": "https://video.example/a.mp4", "duration_minutes": 5},
    )
    assert response.status_code == 200
    assert not VideoModule.objects.exists()
    response = admin_client.post(
        f"/admin/courses/videos/new/?course={course.pk}",
        {
            "title": "Welcome",
            "required": "on",
            "video_url": "https://video.example/a.mp4",
            "duration_minutes": 5,
            "transcript": "Welcome to the course.",
            "captions": SimpleUploadedFile("a.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nWelcome.\n", "text/vtt"),
        },
    )
    assert response.status_code == 302
    assert VideoModule.objects.get().course == course


def test_a_new_module_needs_its_course(admin_client):
    assert admin_client.get("/admin/courses/readings/new/").status_code == 404


def test_a_quiz_question_is_saved_with_its_choices(admin_client):
    course = CourseFactory()
    quiz = QuizModule.objects.create(course=course, title="Check", pass_mark=50)
    data = {
        "text": "What does equity mean?",
        "explanation": "Fair access to outcomes.",
        "choices-TOTAL_FORMS": "3",
        "choices-INITIAL_FORMS": "0",
        "choices-0-text": "The same for everyone",
        "choices-1-text": "What each person needs to thrive",
        "choices-1-is_correct": "on",
        "choices-2-text": "",
    }
    response = admin_client.post(f"/admin/courses/quizzes/{quiz.pk}/questions/new/", data)
    assert response.status_code == 302
    question = Question.objects.get(quiz=quiz)
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("The same for everyone", False),
        ("What each person needs to thrive", True),
    ]
    assert "What does equity mean?" in admin_client.get(f"/admin/courses/quizzes/edit/{quiz.pk}/").content.decode()


def test_a_question_without_a_correct_choice_is_refused(admin_client):
    quiz = QuizModule.objects.create(course=CourseFactory(), title="Check", pass_mark=50)
    data = {
        "text": "Q?",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-0-text": "A",
        "choices-1-text": "B",
    }
    response = admin_client.post(f"/admin/courses/quizzes/{quiz.pk}/questions/new/", data)
    assert response.status_code == 400
    assert "Mark at least one choice as correct" in response.content.decode()
    assert not Question.objects.exists() and not Choice.objects.exists()


def test_deleting_a_course_with_enrolments_is_refused_with_a_message(admin_client):
    course, _modules = course_with_every_kind()
    enrolled(learner(), course)
    response = admin_client.post(f"/admin/courses/delete/{course.pk}/", follow=True)
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Course.objects.filter(pk=course.pk).exists()


def test_a_course_nobody_enrolled_in_is_deleted(admin_client):
    course = CourseFactory()
    response = admin_client.post(f"/admin/courses/delete/{course.pk}/")
    assert response.status_code == 302
    assert not Course.objects.filter(pk=course.pk).exists()


def test_a_module_learners_worked_on_is_not_deleted(admin_client):
    course, modules = course_with_every_kind()
    enrollment = enrolled(learner(), course)
    services.module_acknowledge(enrollment=enrollment, module=modules["reading"])
    response = admin_client.post(f"/admin/courses/readings/delete/{modules['reading'].pk}/", follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Module.objects.filter(pk=modules["reading"].pk).exists()
    admin_client.post(f"/admin/courses/videos/delete/{modules['video'].pk}/")
    assert not Module.objects.filter(pk=modules["video"].pk).exists()


def test_an_editor_cannot_edit_courses(client):
    course = CourseFactory()
    client.force_login(UserFactory(groups=["Editors"]))
    response = client.get(f"/admin/courses/edit/{course.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    client.post(f"/admin/courses/{course.pk}/modules/1/move/", {"direction": "up"})
    assert client.post(f"/admin/courses/delete/{course.pk}/").status_code == 302
    assert Course.objects.filter(pk=course.pk).exists()
