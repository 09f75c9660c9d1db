import pytest

from courses.catalogue.models import Enrollment, ModuleProgress
from tests.courses.factories import course_with_every_kind, enrolled, learner, right_answers
from tests.factories import CourseFactory, ReadingModuleFactory, VideoModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    user = learner()
    course, modules = course_with_every_kind(live_session=True, slug="foundations", title="Foundations")
    client.force_login(user)
    return user, course, modules


def module_url(course, module, suffix=""):
    return f"/learn/{course.slug}/{module.pk}/{suffix}"


def test_overview_offers_enrolment_to_someone_not_enrolled(client, setup):
    _user, course, modules = setup
    response = client.get(f"/learn/{course.slug}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="/learn/{course.slug}/enrol/"' in content
    assert modules["reading"].title in content


def test_enrol_is_post_only(client, setup):
    _user, course, _modules = setup
    assert client.get(f"/learn/{course.slug}/enrol/").status_code == 405
    assert not Enrollment.objects.exists()


def test_enrolling_twice_keeps_one_enrolment(client, setup):
    user, course, _modules = setup
    client.post(f"/learn/{course.slug}/enrol/")
    response = client.post(f"/learn/{course.slug}/enrol/")
    assert response.status_code == 302
    assert Enrollment.objects.filter(user=user, course=course).count() == 1


def test_overview_shows_progress_and_module_status_once_enrolled(client, setup):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    ModuleProgress.objects.create(enrollment=enrollment, module=modules["reading"], completed_at="2026-01-05T10:00Z")
    content = client.get(f"/learn/{course.slug}/").content.decode()
    assert "20% (1 of 5 required modules done)" in content
    assert '<progress class="progress" max="100" value="20"' in content
    assert "✓ Done" in content
    assert f'href="{module_url(course, modules["video"])}"' in content  # continue where not done


def test_module_page_of_someone_not_enrolled_sends_them_to_enrol(client, setup):
    _user, course, modules = setup
    response = client.get(module_url(course, modules["reading"]))
    assert response.status_code == 302
    assert response["Location"] == f"/learn/{course.slug}/"


def test_module_page_shows_position_and_previous_next(client, setup):
    user, course, modules = setup
    enrolled(user, course)
    content = client.get(module_url(course, modules["video"])).content.decode()
    assert "Module 2 of 5" in content
    assert '<progress class="progress" max="5" value="2"' in content
    assert f'rel="prev" href="{module_url(course, modules["reading"])}"' in content
    assert f'rel="next" href="{module_url(course, modules["quiz"])}"' in content


def test_visiting_a_module_remembers_where_the_learner_left_off(client, setup):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    client.get(module_url(course, modules["quiz"]))
    enrollment.refresh_from_db()
    assert enrollment.last_module_id == modules["quiz"].pk


def test_reading_shows_rich_text_and_completes_with_i_have_read_this(client, setup):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    content = client.get(module_url(course, modules["reading"])).content.decode()
    assert "Structural racism describes" in content
    assert "I have read this" in content
    response = client.post(module_url(course, modules["reading"], "done/"))
    assert response.status_code == 302
    assert response["Location"] == module_url(course, modules["video"])
    assert ModuleProgress.objects.get(enrollment=enrollment, module=modules["reading"]).completed_at is not None


def test_reading_links_to_its_resource_hub_page(client, site_root):
    user = learner()
    client.force_login(user)
    from wagtail.models import Page

    resource = site_root.add_child(instance=Page(title="Glossary of equity terms", slug="glossary"))
    reading = ReadingModuleFactory(body="", resource_page=resource)
    enrolled(user, reading.course)
    content = client.get(f"/learn/{reading.course.slug}/{reading.pk}/").content.decode()
    assert "Glossary of equity terms" in content
    assert 'href="/glossary/"' in content


def test_video_has_captions_track_and_a_transcript_always_visible(client, setup):
    user, course, modules = setup
    enrolled(user, course)
    content = client.get(module_url(course, modules["video"])).content.decode()
    assert "<video" in content
    assert '<track kind="captions"' in content
    assert 'srclang="en"' in content
    assert "In this video we talk about implicit bias." in content
    assert "<details" not in content  # the transcript is not hidden behind a toggle
    assert "Mark as watched" in content


def test_video_on_a_video_site_is_linked_not_embedded(client):
    user = learner()
    client.force_login(user)
    video = VideoModuleFactory(video_url="https://videos.example/watch?v=abc")
    enrolled(user, video.course)
    content = client.get(f"/learn/{video.course.slug}/{video.pk}/").content.decode()
    assert "<video" not in content
    assert 'href="https://videos.example/watch?v=abc"' in content
    assert "In this video we talk about implicit bias." in content


def test_mark_as_watched_completes_the_video(client, setup):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    client.post(module_url(course, modules["video"], "done/"))
    assert ModuleProgress.objects.get(enrollment=enrollment, module=modules["video"]).completed_at is not None


def test_live_session_explains_it_is_completed_by_attending_and_has_no_button(client, setup):
    user, course, modules = setup
    enrolled(user, course)
    content = client.get(module_url(course, modules["live_session"])).content.decode()
    assert "Meet the group." in content
    assert "completed by attending 1 live session" in content
    assert "/done/" not in content


@pytest.mark.parametrize("kind", ["live_session", "quiz", "reflection"])
def test_modules_completed_elsewhere_refuse_the_done_button(client, setup, kind):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    response = client.post(module_url(course, modules[kind], "done/"), follow=True)
    assert "not completed with a button" in response.content.decode()
    assert not ModuleProgress.objects.filter(enrollment=enrollment, completed_at__isnull=False).exists()


def test_state_changes_are_post_only(client, setup):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    assert client.get(module_url(course, modules["reading"], "done/")).status_code == 405
    assert client.get(module_url(course, modules["quiz"], "quiz/")).status_code == 405
    assert client.get(module_url(course, modules["reflection"], "reflection/")).status_code == 405
    assert not ModuleProgress.objects.filter(enrollment=enrollment, completed_at__isnull=False).exists()


def test_finishing_the_last_module_shows_the_completion_screen(client):
    user = learner()
    client.force_login(user)
    course = CourseFactory(title="Language Access")
    first, last = ReadingModuleFactory(course=course), VideoModuleFactory(course=course)
    enrollment = enrolled(user, course)
    client.post(f"/learn/{course.slug}/{first.pk}/done/")
    response = client.post(f"/learn/{course.slug}/{last.pk}/done/")
    assert response["Location"] == f"/learn/{course.slug}/complete/"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    content = client.get(response["Location"]).content.decode()
    assert "Congratulations" in content
    assert 'href="/learn/"' in content


def test_completion_screen_of_an_unfinished_course_goes_back_to_the_course(client, setup):
    user, course, _modules = setup
    enrolled(user, course)
    response = client.get(f"/learn/{course.slug}/complete/")
    assert response.status_code == 302
    assert response["Location"] == f"/learn/{course.slug}/"


def test_a_whole_course_can_be_completed_through_the_player(client):
    user = learner()
    client.force_login(user)
    course, modules = course_with_every_kind()
    enrollment = enrolled(user, course)
    client.post(module_url(course, modules["reading"], "done/"))
    client.post(module_url(course, modules["video"], "done/"))
    client.post(module_url(course, modules["quiz"], "quiz/"), right_answers(modules["quiz"]))
    response = client.post(
        module_url(course, modules["reflection"], "reflection/"),
        {"action": "submit", "text": "Forms only in English kept families from applying."},
    )
    assert response["Location"] == f"/learn/{course.slug}/complete/"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.completions.count() == 1


def test_a_withdrawn_learner_must_enrol_again_to_use_the_player(client, setup):
    user, course, modules = setup
    enrollment = enrolled(user, course)
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.save()
    response = client.get(module_url(course, modules["reading"]))
    assert response["Location"] == f"/learn/{course.slug}/"
    client.post(module_url(course, modules["reading"], "done/"))
    assert not ModuleProgress.objects.filter(enrollment=enrollment, completed_at__isnull=False).exists()
    client.post(f"/learn/{course.slug}/enrol/")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE


def test_completing_a_module_out_of_order_returns_to_what_is_left(client, setup):
    user, course, modules = setup
    enrolled(user, course)
    response = client.post(module_url(course, modules["video"], "done/"))
    assert response["Location"] == module_url(course, modules["quiz"])
