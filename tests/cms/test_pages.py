import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import RESOURCES_PER_PAGE, HomePage
from tests.cms import factories as cms
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(site_root):
    return cms.resource_hub(site_root, intro="<p>Guides and toolkits.</p>", help_text="<p>Ask for large print.</p>")


@pytest.fixture
def catalogue(site_root):
    return cms.course_index(site_root, intro="<p>All our courses.</p>")


def test_home_page_shows_featured_courses_and_links_to_the_catalogue_and_hub(client, site_root, catalogue, hub):
    course = CourseFactory(title="Foundations of Anti-Racism", estimated_minutes=90)
    page = cms.course_page(catalogue, course)
    site_root.intro = "<p>Learning together for a fairer city.</p>"
    site_root.featured_courses = [{"type": "course", "value": page.pk}]
    site_root.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    assert "cms/home_page.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert "Learning together for a fairer city." in content
    assert "Foundations of Anti-Racism" in content
    assert 'href="/courses/"' in content
    assert 'href="/resources/"' in content


def test_home_page_without_featured_courses_shows_the_first_courses(client, site_root, catalogue):
    cms.course_page(catalogue, CourseFactory(title="Fair Housing Basics"))

    response = client.get("/")

    assert "Fair Housing Basics" in response.content.decode()


def test_course_index_lists_live_course_pages_with_format_duration_and_topics(client, catalogue):
    course = CourseFactory(title="Language Access in City Services", format="workshop", estimated_minutes=45)
    course.topics.add(cms.topic("language-access", "Language access"))
    cms.course_page(catalogue, course)
    draft = cms.course_page(catalogue, CourseFactory(title="Unpublished draft"))
    draft.unpublish()

    response = client.get("/courses/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Language Access in City Services" in content
    assert "Workshop" in content
    assert "45 minutes" in content
    assert "Language access" in content
    assert "Unpublished draft" not in content


def test_course_index_hides_pages_of_unpublished_courses(client, catalogue):
    cms.course_page(catalogue, CourseFactory(title="Withdrawn course", is_published=False))

    assert "Withdrawn course" not in client.get("/courses/").content.decode()


def test_course_index_filters_by_topic(client, catalogue):
    bias = CourseFactory(title="Understanding Implicit Bias")
    bias.topics.add(cms.topic("implicit-bias"))
    cms.course_page(catalogue, bias)
    cms.course_page(catalogue, CourseFactory(title="Fair Housing Basics"))

    content = client.get("/courses/?topic=implicit-bias").content.decode()

    assert "Understanding Implicit Bias" in content
    assert "Fair Housing Basics" not in content


def test_course_index_filters_by_format(client, catalogue):
    cms.course_page(catalogue, CourseFactory(title="Reading circle", format="reading_circle"))
    cms.course_page(catalogue, CourseFactory(title="Self-paced course", format="self_paced"))

    content = client.get("/courses/?format=reading_circle").content.decode()

    assert "Reading circle" in content
    assert "Self-paced course" not in content


def test_course_index_ignores_an_unknown_filter_and_says_so(client, catalogue):
    cms.course_page(catalogue, CourseFactory(title="Fair Housing Basics"))

    response = client.get("/courses/?topic=nonsense&format=<script>")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Fair Housing Basics" in content
    assert "does not exist, so it was ignored" in content
    assert "<script>" not in content


def test_course_index_runs_a_constant_number_of_queries(client, catalogue):
    def queries_for_listing():
        client.get("/courses/")  # warm the site and locale caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/courses/").status_code == 200
        return len(captured)

    course = CourseFactory()
    course.topics.add(cms.topic("ada"))
    cms.course_page(catalogue, course)
    few = queries_for_listing()
    for _ in range(5):
        course = CourseFactory()
        course.topics.add(cms.topic("ada"), cms.topic("fair-housing"))
        cms.course_page(catalogue, course)

    assert queries_for_listing() == few


def test_course_page_renders_with_its_course_and_modules(client, catalogue):
    from tests.factories import ReadingModuleFactory

    course = CourseFactory(title="Fair Housing Basics", summary="Who is protected, and where to refer a resident.")
    ReadingModuleFactory(course=course, title="The Fair Housing Act in brief")
    cms.course_page(catalogue, course, body=[{"type": "paragraph", "value": "<p>Thirty minutes.</p>"}])

    response = client.get(f"/courses/{course.slug}/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Who is protected, and where to refer a resident." in content
    assert "Thirty minutes." in content
    assert "The Fair Housing Act in brief" in content


def test_resource_page_shows_type_topics_body_and_accessible_formats(client, hub):
    page = cms.resource_page(
        hub,
        title="Glossary of equity terms",
        slug="glossary",
        resource_type="glossary",
        topics=[cms.topic("anti-racism", "Anti-racism")],
        body=[
            {"type": "heading", "value": "Terms"},
            {"type": "definitions", "value": [{"term": "Equity", "definition": "<p>Fair outcomes.</p>"}]},
        ],
        accessible_formats="<p>Also in Braille.</p>",
    )

    response = client.get(page.url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Glossary of equity terms</h1>" in content
    assert "<h2>Terms</h2>" in content
    assert "<dt>Equity</dt>" in content
    assert "Glossary" in content
    assert 'href="/resources/?topic=anti-racism"' in content
    assert "Also in Braille." in content
    assert "Ask for large print." in content


def test_resource_page_lists_downloads_with_file_type_and_size(client, hub):
    doc = cms.document(title="ADA checklist", filename="ada-checklist.pdf", data=b"x" * 2048)
    page = cms.resource_page(
        hub, downloads=[{"type": "download", "value": {"document": doc.pk, "description": "Printable"}}]
    )

    content = client.get(page.url).content.decode()

    assert doc.url in content
    assert "ADA checklist" in content
    assert "(PDF, 2.0\xa0KB)" in content
    assert "Printable" in content


def test_resource_page_links_the_courses_that_use_it(client, catalogue, hub):
    from tests.factories import ReadingModuleFactory

    page = cms.resource_page(hub, title="Language access toolkit")
    course = CourseFactory(title="Language Access in City Services")
    ReadingModuleFactory(course=course, resource_page=page)
    cms.course_page(catalogue, course)

    content = client.get(page.url).content.decode()

    assert "Courses that use this resource" in content
    assert f'href="/courses/{course.slug}/"' in content


def test_hub_lists_live_resources_of_this_hub_only(client, hub):
    cms.resource_page(hub, title="Guide to inclusive meetings")
    draft = cms.resource_page(hub, title="Draft checklist")
    draft.unpublish()

    content = client.get("/resources/").content.decode()

    assert "Guide to inclusive meetings" in content
    assert "Draft checklist" not in content
    assert "1 resource" in content


def test_hub_search_finds_resources_by_their_text(client, hub):
    cms.resource_page(
        hub,
        title="Language access toolkit",
        summary="Serve residents who speak limited English.",
        body=[{"type": "paragraph", "value": "<p>Call the telephone interpreting line.</p>"}],
    )
    cms.resource_page(hub, title="ADA checklist for public events", summary="Venues, captions and ramps.")

    content = client.get("/resources/?q=interpreting").content.decode()

    assert "Language access toolkit" in content
    assert "ADA checklist for public events" not in content
    assert "result for “interpreting”" in content
    assert 'value="interpreting"' in content


def test_hub_filters_by_topic(client, hub):
    cms.resource_page(hub, title="Fair housing referral guide", topics=[cms.topic("fair-housing")])
    cms.resource_page(hub, title="Pronouns guide", topics=[cms.topic("safe-zone")])

    content = client.get("/resources/?topic=fair-housing").content.decode()

    assert "Fair housing referral guide" in content
    assert "Pronouns guide" not in content


def test_hub_combines_search_topic_and_type(client, hub):
    ada = cms.topic("ada")
    cms.resource_page(hub, title="Accessible meetings checklist", resource_type="checklist", topics=[ada])
    cms.resource_page(hub, title="Accessible meetings guide", resource_type="guide", topics=[ada])
    cms.resource_page(hub, title="Accessible housing checklist", resource_type="checklist")

    content = client.get("/resources/?q=accessible&topic=ada&type=checklist").content.decode()

    assert "Accessible meetings checklist" in content
    assert "Accessible meetings guide" not in content
    assert "Accessible housing checklist" not in content


def test_hub_paginates_and_keeps_the_search_in_page_links(client, hub):
    for number in range(RESOURCES_PER_PAGE + 2):
        cms.resource_page(hub, title=f"Toolkit {number:02d}", topics=[cms.topic("ada")])

    first = client.get("/resources/?topic=ada").content.decode()
    second = client.get("/resources/?topic=ada&page=2").content.decode()

    assert "Toolkit 00" in first and "Toolkit 11" not in first
    assert "Toolkit 11" in second and "Toolkit 00" not in second
    assert 'href="?topic=ada&amp;page=2"' in first
    assert "Page 2 of 2" in second


def test_hub_shows_a_helpful_empty_state_when_nothing_matches(client, hub):
    cms.resource_page(hub, title="Glossary of equity terms")

    response = client.get("/resources/?q=zebra-crossing")

    content = response.content.decode()
    assert response.status_code == 200
    assert "0 results for “zebra-crossing”" in content
    assert "Nothing in the hub matches that yet" in content
    assert "browse every resource" in content


def test_hub_with_no_resources_says_so(client, hub):
    assert "No resources have been published here yet." in client.get("/resources/").content.decode()


def test_hub_survives_bad_page_numbers_and_unknown_topics(client, hub):
    cms.resource_page(hub, title="Glossary of equity terms")

    response = client.get("/resources/?page=banana&topic=unknown&type=nonsense")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Glossary of equity terms" in content
    assert "That topic does not exist, so it was ignored." in content


def test_hub_runs_a_constant_number_of_queries(client, hub):
    def queries_for_listing():
        client.get("/resources/")  # warm the site and locale caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/resources/").status_code == 200
        return len(captured)

    cms.resource_page(hub, topics=[cms.topic("ada")])
    few = queries_for_listing()
    for _ in range(6):
        cms.resource_page(hub, topics=[cms.topic("ada"), cms.topic("fair-housing")])

    assert queries_for_listing() == few


def test_pages_get_the_default_locale(site_root, hub):
    page = cms.resource_page(hub)

    assert site_root.locale.language_code == "en"
    assert page.locale_id == site_root.locale_id


def test_a_translated_resource_keeps_its_topics_and_is_served_under_its_language_prefix(
    client, hub, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    doc = cms.document()
    page = cms.resource_page(
        hub,
        title="Plain language guide",
        slug="plain-language",
        topics=[cms.topic("ada")],
        body=[
            {"type": "heading", "value": "Ten habits"},
            {"type": "paragraph", "value": "<p>Put the most important information first.</p>"},
            {"type": "callout", "value": {"title": "Before and after", "text": "<p>Pay by 15 March.</p>"}},
            {"type": "definitions", "value": [{"term": "Plain language", "definition": "<p>Clear text.</p>"}]},
            {"type": "checklist", "value": {"title": "Check", "items": ["Use you and we."]}},
            {
                "type": "video",
                "value": {"title": "Why", "url": "https://video.city.example/a.mp4", "transcript": "<p>Hi.</p>"},
            },
        ],
        downloads=[{"type": "download", "value": {"document": doc.pk, "description": "Printable"}}],
    )
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    for original in (hub.get_parent(), hub, page):
        # Each translation is published on commit, as after each translator's request.
        with django_capture_on_commit_callbacks(execute=True):
            source, _created = TranslationSource.get_or_create_from_instance(original.specific)
            source.create_or_update_translation(spanish, fallback=True)

    translated = page.get_translation(spanish)

    assert [t.slug for t in translated.topics] == ["ada"]
    assert [block.block_type for block in translated.body] == [block.block_type for block in page.body]
    assert translated.downloads[0].value["document"] == doc
    assert isinstance(HomePage.objects.get(locale=spanish), HomePage)
    response = client.get("/es/resources/plain-language/")
    assert response.status_code == 200
    assert '<html lang="es"' in response.content.decode()
    assert "<h1>" in response.content.decode()  # translated: no language change to announce


def test_editors_can_open_the_admin_forms_of_every_page_type(client, site_root, catalogue, hub):
    from tests.factories import UserFactory

    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    resource = cms.resource_page(hub, topics=[cms.topic("ada")])
    course_page = cms.course_page(catalogue, CourseFactory())

    for parent, model in [(site_root, "resourcehubpage"), (hub, "resourcepage"), (catalogue, "coursepage")]:
        assert client.get(f"/admin/pages/add/cms/{model}/{parent.pk}/").status_code == 200, model
    for page in (site_root, catalogue, hub, resource, course_page):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page


@pytest.mark.parametrize(
    ("minutes", "shown"), [(1, "1 minute"), (45, "45 minutes"), (60, "1 hour"), (180, "3 hours"), (210, "3 h 30 min")]
)
def test_course_durations_read_naturally(minutes, shown):
    from cms.templatetags.cms_tags import duration

    assert duration(minutes) == shown


def test_hub_search_runs_a_constant_number_of_queries(client, hub):
    def queries_for_search():
        client.get("/resources/?q=toolkit")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/resources/?q=toolkit").status_code == 200
        return len(captured)

    cms.resource_page(hub, title="Toolkit", topics=[cms.topic("ada")])
    few = queries_for_search()
    for number in range(6):
        cms.resource_page(hub, title=f"Toolkit {number}", topics=[cms.topic("ada"), cms.topic("fair-housing")])

    assert queries_for_search() == few


def test_the_admin_menu_takes_editors_to_the_resource_hub(client, hub):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get("/admin/resource-hub/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{hub.pk}/"
    assert "/admin/resource-hub/" in client.get("/admin/").content.decode()


def test_the_resource_hub_shortcut_is_for_admin_users_only(client, hub):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.get("/admin/resource-hub/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_untranslated_page_marks_its_content_with_its_own_language(client, hub):
    cms.resource_page(hub, title="Glossary of equity terms", slug="glossary")

    content = client.get("/ar/resources/glossary/").content.decode()

    assert '<html lang="ar" dir="rtl"' in content
    assert '<h1 lang="en" dir="ltr">Glossary of equity terms</h1>' in content


def test_home_page_leaves_out_featured_courses_that_were_unpublished(client, site_root, catalogue):
    withdrawn = cms.course_page(catalogue, CourseFactory(title="Withdrawn course", is_published=False))
    site_root.featured_courses = [{"type": "course", "value": withdrawn.pk}]
    site_root.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    assert "Withdrawn course" not in response.content.decode()
