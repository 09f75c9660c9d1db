"""One course in many languages: engine content per language with fallback, completions, the report."""

import pytest
from django.utils import translation

from cms import translation_report as reports
from courses.catalogue import services
from courses.catalogue.models import CourseCompletion
from tests.cms.factories_translations import course_page, translate_page
from tests.courses.factories import course_with_every_kind, enrolled, learner, right_answers
from tests.factories import ChoiceFactory, CourseFactory, QuestionFactory, QuizModuleFactory, ReadingModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Content is created in English: with modeltranslation, `title=` writes the active language's
    field, and a previous request in this thread may have left another language active."""
    with translation.override("en"):
        yield


def test_a_learner_reads_the_course_in_their_language_with_english_where_a_field_is_untranslated(client):
    course = CourseFactory(title="Foundations", title_es="Fundamentos", summary="Why it matters.")
    reading = ReadingModuleFactory(course=course, title="Key terms", title_es="Términos clave", body="<p>Race is…</p>")
    user = learner(preferred_language="es")
    enrolled(user, course)
    client.force_login(user)

    text = client.get(f"/learn/{course.slug}/{reading.pk}/").content.decode()

    assert "Términos clave" in text
    assert "Fundamentos" in text
    assert '<div lang="en" dir="ltr"><p>Race is…</p></div>' in text  # the fallback says its language
    assert "<h1>Términos clave</h1>" in text


def test_untranslated_text_in_an_arabic_page_runs_left_to_right(client):
    course = CourseFactory(title="Foundations", title_ar="أسس مناهضة العنصرية", summary="Why it matters.")
    user = learner(preferred_language="ar")
    client.force_login(user)

    text = client.get(f"/learn/{course.slug}/").content.decode()

    assert "<h1>أسس مناهضة العنصرية</h1>" in text
    assert '<p class="lead" lang="en" dir="ltr">Why it matters.</p>' in text


def test_quiz_questions_and_choices_are_shown_in_the_learners_language(client):
    course = CourseFactory()
    quiz = QuizModuleFactory(course=course)
    question = QuestionFactory(quiz=quiz, text="What is equity?", text_vi="Công bằng là gì?")
    ChoiceFactory(question=question, text="The same for all", text_vi="Như nhau cho mọi người")
    user = learner(preferred_language="vi")
    enrolled(user, course)
    client.force_login(user)

    text = client.get(f"/learn/{course.slug}/{quiz.pk}/").content.decode()

    assert "Công bằng là gì?" in text
    assert "Như nhau cho mọi người" in text


def test_a_completion_counts_the_same_in_any_language_and_records_it():
    course, modules = course_with_every_kind()
    english, arabic = learner(), learner(preferred_language="ar")
    for user, language in ((english, "en"), (arabic, "ar")):
        enrollment = enrolled(user, course)
        with translation.override(language):
            for kind in ("reading", "video"):
                services.module_acknowledge(enrollment=enrollment, module=modules[kind])
            services.quiz_submit(enrollment=enrollment, quiz=modules["quiz"], answers=_answers(modules["quiz"]))
            services.reflection_save(author=user, module=modules["reflection"], text="x" * 40, submit=True)

    completions = CourseCompletion.objects.filter(course=course).order_by("language")
    assert [(c.user, c.language) for c in completions] == [(arabic, "ar"), (english, "en")]


def _answers(quiz):
    return {key.removeprefix("question-"): value for key, value in right_answers(quiz).items()}


def test_the_report_lists_course_texts_without_translation_per_language():
    course = CourseFactory(title="Foundations", title_es="Fundamentos", summary="Why.", summary_es="Por qué.")
    ReadingModuleFactory(course=course, title="Terms", title_es="Términos", body="<p>Race</p>")

    status = reports.course_translation_status([course.pk])[0]

    assert status.missing_count("es") == 1  # the reading's text
    assert [(item.label, item.fields) for item in status.missing["es"]] == [("Terms", ["text"])]
    assert status.missing_count("vi") == 4
    assert status.total_fields == 4


def test_the_report_lists_pages_without_a_real_translation(site_root, django_capture_on_commit_callbacks):
    page = course_page(site_root, slug="foundations", title="Foundations")
    translate_page(page, "es", capture=django_capture_on_commit_callbacks)

    missing = {status.page.title: status.missing_languages for status in reports.pages_missing_translations()}

    assert missing["Foundations"] == ["Tiếng Việt", "简体中文", "العربية"]


def test_editors_open_the_missing_translations_report_from_the_reports_menu(client, site_root):
    from tests.factories import UserFactory

    course = CourseFactory(title="Foundations")
    course_page(site_root, slug="foundations", title="Foundations")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    overview = client.get("/admin/reports/missing-translations/")
    detail = client.get(f"/admin/reports/missing-translations/?course={course.pk}")

    assert overview.status_code == 200
    assert "Foundations" in overview.content.decode()
    assert "/admin/reports/missing-translations/" in client.get("/admin/").content.decode()
    assert "Fields without translation" in detail.content.decode()


def test_people_without_admin_access_cannot_open_the_report(client):
    client.force_login(learner())

    response = client.get("/admin/reports/missing-translations/")

    assert response.status_code in (302, 403)


def test_a_translated_catalogue_also_lists_the_courses_not_translated_yet(
    client, site_root, django_capture_on_commit_callbacks
):
    from tests.cms import factories as cms

    translated = course_page(site_root, slug="foundations", title="Foundations")
    cms.course_page(translated.get_parent(), CourseFactory(title="Fair housing basics"), slug="fair-housing")
    cms.resource_hub(site_root)
    translate_page(translated, "es", capture=django_capture_on_commit_callbacks, title="Fundamentos")

    catalogue = client.get("/es/courses/").content.decode()
    home = client.get("/es/").content.decode()

    assert "Fundamentos" in catalogue
    assert '<a href="/courses/fair-housing/"' in catalogue
    assert 'lang="en"' in catalogue  # the untranslated one says it is in English
    assert 'id="hub-heading"' in home
