import pytest

from courses.catalogue import services
from courses.catalogue.models import ModuleProgress, QuizAttempt
from tests.courses.factories import course_with_every_kind, enrolled, learner, wrong_answers
from tests.factories import CourseFactory, ReadingModuleFactory, training_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine():
    """A course in which `me` has progress, a quiz attempt and a reflection."""
    me = learner()
    course, modules = course_with_every_kind(slug="equity")
    enrollment = enrolled(me, course)
    services.module_acknowledge(enrollment=enrollment, module=modules["reading"])
    answers = {key.removeprefix("question-"): value for key, value in wrong_answers(modules["quiz"]).items()}
    attempt = services.quiz_submit(enrollment=enrollment, quiz=modules["quiz"], answers=answers)
    services.reflection_save(author=me, module=modules["reflection"], text="My private reflection", submit=False)
    return me, course, modules, attempt


@pytest.mark.parametrize(
    "path",
    [
        "/learn/",
        "/learn/equity/",
        "/learn/equity/complete/",
        "/learn/equity/{reading}/",
        "/learn/equity/{quiz}/attempts/{attempt}/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, mine, path):
    _me, _course, modules, attempt = mine
    path = path.format(reading=modules["reading"].pk, quiz=modules["quiz"].pk, attempt=attempt.pk)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_anonymous_posts_change_nothing(client, mine):
    _me, course, modules, _attempt = mine
    client.post(f"/learn/{course.slug}/{modules['video'].pk}/done/")
    assert not ModuleProgress.objects.filter(module=modules["video"], completed_at__isnull=False).exists()


def test_another_employee_cannot_read_my_quiz_attempt_by_its_id(client, mine):
    _me, course, modules, attempt = mine
    other = learner()
    enrolled(other, course)
    client.force_login(other)
    response = client.get(f"/learn/{course.slug}/{modules['quiz'].pk}/attempts/{attempt.pk}/")
    assert response.status_code == 404


def test_a_training_admin_cannot_read_my_quiz_attempt_in_the_player(client, mine):
    _me, course, modules, attempt = mine
    client.force_login(training_admin())
    response = client.get(f"/learn/{course.slug}/{modules['quiz'].pk}/attempts/{attempt.pk}/")
    assert response.status_code == 404


def test_my_attempt_under_another_quiz_url_is_404(client, mine):
    me, course, modules, attempt = mine
    from tests.factories import quiz_with_questions

    other_quiz = quiz_with_questions(course)
    client.force_login(me)
    assert client.get(f"/learn/{course.slug}/{other_quiz.pk}/attempts/{attempt.pk}/").status_code == 404


def test_another_employee_sees_neither_my_progress_nor_my_reflection(client, mine):
    _me, course, modules, _attempt = mine
    other = learner()
    enrolled(other, course)
    client.force_login(other)
    overview = client.get(f"/learn/{course.slug}/").content.decode()
    assert "✓ Done" not in overview
    assert "0% (0 of 4" in overview
    page = client.get(f"/learn/{course.slug}/{modules['reflection'].pk}/").content.decode()
    assert "My private reflection" not in page
    quiz_page = client.get(f"/learn/{course.slug}/{modules['quiz'].pk}/").content.decode()
    assert "Your last score" not in quiz_page


def test_a_module_of_another_course_is_404(client, mine):
    me, course, _modules, _attempt = mine
    elsewhere = ReadingModuleFactory(course=CourseFactory())
    enrolled(me, elsewhere.course)
    client.force_login(me)
    assert client.get(f"/learn/{course.slug}/{elsewhere.pk}/").status_code == 404
    assert client.post(f"/learn/{course.slug}/{elsewhere.pk}/done/").status_code == 404
    assert not ModuleProgress.objects.filter(module=elsewhere, completed_at__isnull=False).exists()


def test_a_missing_module_or_course_is_404(client, mine):
    me, course, _modules, _attempt = mine
    client.force_login(me)
    assert client.get(f"/learn/{course.slug}/999999/").status_code == 404
    assert client.get("/learn/no-such-course/").status_code == 404


def test_an_unpublished_course_is_404_everywhere(client, mine):
    me, course, modules, attempt = mine
    course.is_published = False
    course.save()
    client.force_login(me)
    assert client.get(f"/learn/{course.slug}/").status_code == 404
    assert client.get(f"/learn/{course.slug}/{modules['reading'].pk}/").status_code == 404
    assert client.get(f"/learn/{course.slug}/{modules['quiz'].pk}/attempts/{attempt.pk}/").status_code == 404
    assert client.post(f"/learn/{course.slug}/{modules['video'].pk}/done/").status_code == 404
    assert client.post(f"/learn/{course.slug}/enrol/").status_code == 404


def test_posting_without_a_csrf_token_is_refused(mine):
    from django.test import Client

    me, course, modules, _attempt = mine
    client = Client(enforce_csrf_checks=True)
    client.force_login(me)
    response = client.post(f"/learn/{course.slug}/{modules['video'].pk}/done/")
    assert response.status_code == 403
    assert not ModuleProgress.objects.filter(module=modules["video"], completed_at__isnull=False).exists()


def test_someone_not_enrolled_cannot_submit_a_quiz(client, mine):
    _me, course, modules, _attempt = mine
    stranger = learner()
    client.force_login(stranger)
    response = client.post(f"/learn/{course.slug}/{modules['quiz'].pk}/quiz/", wrong_answers(modules["quiz"]))
    assert response.status_code == 302
    assert QuizAttempt.objects.count() == 1


def test_someone_not_enrolled_cannot_save_a_reflection(client, mine):
    _me, course, modules, _attempt = mine
    client.force_login(learner())
    client.post(f"/learn/{course.slug}/{modules['reflection'].pk}/reflection/", {"action": "save", "text": "x"})
    from courses.catalogue.models import Reflection

    assert Reflection.objects.count() == 1
