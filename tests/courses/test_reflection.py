import pytest

from courses.catalogue import services
from courses.catalogue.exceptions import NotEnrolled, ReflectionTooLong, ReflectionTooShort
from courses.catalogue.models import ModuleProgress, Reflection
from tests.courses.factories import enrolled, learner
from tests.factories import ReflectionModuleFactory

pytestmark = pytest.mark.django_db

LONG_ENOUGH = "Our counter forms assumed everyone reads English."


@pytest.fixture
def module():
    return ReflectionModuleFactory(min_length=20)


@pytest.fixture
def author(module):
    user = learner()
    enrolled(user, module.course)
    return user


def url(module, suffix=""):
    return f"/learn/{module.course.slug}/{module.pk}/{suffix}"


def done(module):
    return ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()


def test_a_draft_is_saved_whatever_its_length_and_does_not_complete(author, module):
    reflection = services.reflection_save(author=author, module=module, text="Short start", submit=False)
    assert reflection.text == "Short start"
    assert reflection.submitted_at is None
    assert not done(module)


def test_submitting_completes_the_module(author, module):
    reflection = services.reflection_save(author=author, module=module, text=LONG_ENOUGH, submit=True)
    assert reflection.submitted_at is not None
    assert done(module)


def test_submitting_below_the_minimum_is_refused_and_changes_nothing(author, module):
    services.reflection_save(author=author, module=module, text="An earlier draft", submit=False)
    with pytest.raises(ReflectionTooShort):
        services.reflection_save(author=author, module=module, text="Too short", submit=True)
    reflection = Reflection.objects.get()
    assert reflection.text == "An earlier draft"
    assert reflection.submitted_at is None
    assert not done(module)


def test_whitespace_does_not_count_towards_the_minimum(author, module):
    with pytest.raises(ReflectionTooShort):
        services.reflection_save(author=author, module=module, text="  short  " + " " * 40, submit=True)


def test_a_submitted_reflection_can_be_revised_but_not_below_the_minimum(author, module):
    services.reflection_save(author=author, module=module, text=LONG_ENOUGH, submit=True)
    with pytest.raises(ReflectionTooShort):
        services.reflection_save(author=author, module=module, text="short", submit=False)
    revised = services.reflection_save(author=author, module=module, text=LONG_ENOUGH + " And signs.", submit=False)
    assert revised.text.endswith("And signs.")
    assert revised.submitted_at is not None


def test_a_very_long_reflection_is_refused(author, module):
    with pytest.raises(ReflectionTooLong):
        services.reflection_save(author=author, module=module, text="x" * 20_001, submit=False)
    assert not Reflection.objects.exists()


def test_someone_not_enrolled_cannot_save_a_reflection(module):
    with pytest.raises(NotEnrolled):
        services.reflection_save(author=learner(), module=module, text=LONG_ENOUGH, submit=True)
    assert not Reflection.objects.exists()


def test_reflection_str_never_shows_the_text(author, module):
    reflection = services.reflection_save(author=author, module=module, text=LONG_ENOUGH, submit=True)
    assert LONG_ENOUGH not in str(reflection)


def test_reflection_is_registered_in_no_admin():
    from django.contrib import admin

    assert Reflection not in admin.site._registry


# The page ---------------------------------------------------------------------------------------------------------


def test_page_shows_the_prompt_minimum_and_a_labelled_textarea(client, author, module):
    client.force_login(author)
    content = client.get(url(module)).content.decode()
    assert module.prompt in content
    assert "At least 20 characters." in content
    assert '<label for="id_text">' in content
    assert "Save draft" in content and "Submit" in content


def test_save_draft_confirms_with_a_message(client, author, module):
    client.force_login(author)
    response = client.post(url(module, "reflection/"), {"action": "save", "text": "First thoughts"}, follow=True)
    content = response.content.decode()
    assert "Your draft is saved" in content
    assert "First thoughts" in content
    assert Reflection.objects.get().text == "First thoughts"


def test_submit_that_is_too_short_keeps_the_text_on_the_page_and_saves_nothing(client, author, module):
    client.force_login(author)
    response = client.post(url(module, "reflection/"), {"action": "submit", "text": "Too short"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in content
    assert "needs at least 20 characters" in content
    assert ">Too short</textarea>" in content
    assert not Reflection.objects.exists()


def test_autosave_saves_the_draft_and_answers_json(client, author, module):
    client.force_login(author)
    response = client.post(url(module, "reflection/"), {"action": "autosave", "text": "Typing as I go"})
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert Reflection.objects.get().text == "Typing as I go"


def test_autosave_of_a_refused_text_answers_json_error(client, author, module):
    client.force_login(author)
    response = client.post(url(module, "reflection/"), {"action": "autosave", "text": "x" * 20_001})
    assert response.status_code == 400
    assert response.json()["saved"] is False


def test_submit_through_the_page_completes_the_module(client, author, module):
    client.force_login(author)
    client.post(url(module, "reflection/"), {"action": "submit", "text": LONG_ENOUGH})
    assert done(module)


def test_page_shows_only_the_viewers_own_reflection(client, author, module):
    services.reflection_save(author=author, module=module, text="Mine and private", submit=False)
    other = learner()
    enrolled(other, module.course)
    client.force_login(other)
    assert "Mine and private" not in client.get(url(module)).content.decode()


def test_a_draft_with_a_nul_character_is_saved_without_it(client, author, module):
    client.force_login(author)
    response = client.post(url(module, "reflection/"), {"action": "autosave", "text": "Before\x00after, in my words."})
    assert response.status_code == 200 and response.json()["saved"]
    assert Reflection.objects.get(author=author, module=module).text == "Beforeafter, in my words."
