"""Demo pages: the home page, a "Courses" index with a page per demo course, and the resource hub.

The texts are in `data/pages.en.json` (read through `loader`). Pages have no service: they are
created with their models and published with a revision, as an editor's would be (a page's `save()`
runs `full_clean()`); documents with Wagtail's document model. Idempotent: pages are found by slug under their
parent and created only when missing, so an editor's later changes survive a second run; documents
are found by title.
"""

import csv
import datetime
import io
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.models import CourseIndexPage, CoursePage, HomePage, ResourceHubPage, ResourcePage, ResourcePageTopic
from courses.catalogue.models import Course, ReadingModule, Topic

from . import loader


def seed(demo):
    content = loader.load("pages.en")
    with translation.override("en"), transaction.atomic():
        home = _home(content["home"])
        index = content["course_index"]
        courses_index = _child(home, CourseIndexPage, index["slug"], title=index["title"], intro=index["intro"])
        course_pages = _course_pages(courses_index, demo, content["course_pages"])
        hub_spec = content["resource_hub"]
        hub = _child(
            home,
            ResourceHubPage,
            hub_spec["slug"],
            title=hub_spec["title"],
            intro=hub_spec["intro"],
            help_text=hub_spec["help_text"],
        )
        resources = _resources(hub, content)
        _link_readings(resources, content["reading_resources"])
        if not home.featured_courses:
            home.featured_courses = [
                {"type": "course", "value": course_pages[slug].pk}
                for slug in content["home"]["featured_courses"]
                if slug in course_pages
            ]
            home.save_revision().publish()
    demo.say(f"Pages: home, {len(course_pages)} course pages, resource hub with {len(resources)} resources.")


def _home(spec):
    """The default site's HomePage (the cms migration made one), or a new one at the site root."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            home = Page.get_first_root_node().add_child(instance=HomePage(title=spec["title"], slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
        )
    if not home.body:
        home.title = spec["title"]
        home.intro = spec["intro"]
        home.body = spec["body"]
        home.save_revision().publish()
    return home


def _child(parent, model, slug, **fields):
    """The live child page of `parent` with this slug, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _course_pages(index, demo, bodies):
    pages = {}
    courses = demo.courses or {course.slug: course for course in Course.objects.all()}
    for slug, course in courses.items():
        pages[slug] = _child(
            index,
            CoursePage,
            slug,
            title=course.title,
            course=course,
            body=bodies.get(slug, []),
        )
    return pages


def _documents(content):
    Document = get_document_model()
    documents = {}
    for key, spec in content["documents"].items():
        document = Document.objects.filter(title=spec["title"]).first()
        if document is None:
            document = Document(title=spec["title"])
            document.file.save(spec["filename"], ContentFile(_file_bytes(spec, content)), save=False)
            document._set_document_file_metadata()
            document.save()
        documents[key] = document
    return documents


def _file_bytes(spec, content):
    if spec["kind"] == "text":
        return spec["text"].encode()
    if spec["kind"] == "glossary_csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["term", "definition"])
        writer.writerows([entry["term"], entry["definition"]] for entry in content["glossary"])
        return buffer.getvalue().encode()
    return _pdf(spec["heading"], spec["lines"], author=content["documents_author"])


def _pdf(heading, lines, *, author):
    """A small PDF with a title in its metadata; resources offer a plain-text twin for screen readers."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    font = _unicode_font()
    if font:
        for style in (styles["Title"], styles["BodyText"]):
            style.fontName = font
    document = SimpleDocTemplate(buffer, pagesize=letter, title=heading, author=author)
    document.build(
        [
            Paragraph(heading, styles["Title"]),
            ListFlowable([ListItem(Paragraph(line, styles["BodyText"])) for line in lines], bulletType="bullet"),
        ]
    )
    return buffer.getvalue()


def _unicode_font():
    """The certificates' Unicode font (DejaVu Sans, installed by scripts/bootstrap, registered once as a
    lean subsetting font): the PDF base fonts lack Vietnamese. Registering DejaVu a second time under
    another name made certificates rendered later in the same process embed hinted subsets again."""
    from certificates.fonts import fonts

    return fonts().regular


def _body(blocks, glossary):
    """Expand the glossary placeholder into definition blocks, and give a checklist's items their own
    block ids: wagtail-localize only offers a list's items for translation when they are stored as
    blocks, and would otherwise leave them in English on every translated page."""
    expanded = []
    for block in blocks:
        if block["type"] == "definitions" and block["value"] == "GLOSSARY":
            block = {
                "type": "definitions",
                "value": [{"term": entry["term"], "definition": f"<p>{entry['definition']}</p>"} for entry in glossary],
            }
        elif block["type"] == "checklist":
            items = [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in block["value"]["items"]]
            block = {"type": "checklist", "value": {**block["value"], "items": items}}
        expanded.append(block)
    return expanded


def _resources(hub, content):
    documents = _documents(content)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    reviewed = datetime.date.fromisoformat(content["resources_last_reviewed"])
    resources = {}
    for spec in content["resources"]:
        page = ResourcePage.objects.child_of(hub).filter(slug=spec["slug"]).first()
        if page is None:
            page = ResourcePage(
                slug=spec["slug"],
                title=spec["title"],
                resource_type=spec["type"],
                summary=spec["summary"],
                body=_body(spec["body"], content["glossary"]),
                downloads=[
                    {
                        "type": "download",
                        "value": {"document": documents[item["document"]].pk, "description": item["description"]},
                    }
                    for item in spec["downloads"]
                ],
                accessible_formats=spec["accessible_formats"],
                last_reviewed=reviewed,
            )
            page.topic_links = [ResourcePageTopic(topic=topics[slug]) for slug in spec["topics"] if slug in topics]
            hub.add_child(instance=page)
            page.save_revision().publish()
        resources[spec["slug"]] = page
    return resources


def _link_readings(resources, links):
    """Point course readings at their resource hub page. A plain update: the reading is the
    catalogue's, and linking it changes nothing its validation looks at (it already has a text)."""
    for link in links:
        ReadingModule.objects.filter(course__slug=link["course"], position=link["position"]).update(
            resource_page=resources[link["resource"]]
        )
