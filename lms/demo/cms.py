"""Demo pages: the home page, a "Courses" index with a page per demo course, and the resource hub.

Idempotent: pages are found by slug under their parent and created only when missing, so an
editor's later changes survive a second run; documents are found by title.
"""

import csv
import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.models import CourseIndexPage, CoursePage, HomePage, ResourceHubPage, ResourcePage, ResourcePageTopic
from courses.catalogue.models import Course, ReadingModule, Topic

from . import cms_content as content

REVIEWED = datetime.date(2026, 9, 1)


def seed(demo):
    with translation.override("en"), transaction.atomic():
        home = _home()
        courses_index = _child(home, CourseIndexPage, "courses", title="Courses", intro=content.COURSE_INDEX_INTRO)
        course_pages = _course_pages(courses_index, demo)
        hub = _child(
            home,
            ResourceHubPage,
            "resources",
            title="Resource hub",
            intro=content.HUB_INTRO,
            help_text=content.HUB_HELP,
        )
        resources = _resources(hub)
        _link_readings(resources)
        if not home.featured_courses:
            home.featured_courses = [
                {"type": "course", "value": course_pages[slug].pk}
                for slug in content.FEATURED_COURSES
                if slug in course_pages
            ]
            home.save_revision().publish()
    demo.say(f"Pages: home, {len(course_pages)} course pages, resource hub with {len(resources)} resources.")


def _home():
    """The default site's HomePage (the cms migration made one), or a new one at the site root."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            home = Page.get_first_root_node().add_child(instance=HomePage(title="Common Ground", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
        )
    if not home.body:
        home.title = "Common Ground"
        home.intro = content.HOME_INTRO
        home.body = content.HOME_BODY
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


def _course_pages(index, demo):
    pages = {}
    courses = demo.courses or {course.slug: course for course in Course.objects.all()}
    for slug, course in courses.items():
        pages[slug] = _child(
            index,
            CoursePage,
            slug,
            title=course.title,
            course=course,
            body=content.COURSE_PAGE_BODIES.get(slug, []),
        )
    return pages


def _documents():
    Document = get_document_model()
    documents = {}
    for key, spec in content.DOCUMENTS.items():
        document = Document.objects.filter(title=spec["title"]).first()
        if document is None:
            document = Document(title=spec["title"])
            document.file.save(spec["filename"], ContentFile(_file_bytes(spec)), save=False)
            document._set_document_file_metadata()
            document.save()
        documents[key] = document
    return documents


def _file_bytes(spec):
    if spec["kind"] == "text":
        return spec["text"].encode()
    if spec["kind"] == "glossary_csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["term", "definition"])
        writer.writerows(content.GLOSSARY_TERMS)
        return buffer.getvalue().encode()
    return _pdf(spec["heading"], spec["lines"])


def _pdf(heading, lines):
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
    document = SimpleDocTemplate(buffer, pagesize=letter, title=heading, author="City Office of Equity and Inclusion")
    document.build(
        [
            Paragraph(heading, styles["Title"]),
            ListFlowable([ListItem(Paragraph(line, styles["BodyText"])) for line in lines], bulletType="bullet"),
        ]
    )
    return buffer.getvalue()


def _unicode_font():
    """DejaVu Sans (installed by scripts/bootstrap) covers Vietnamese; the PDF base fonts do not."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans"
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"):
        try:
            pdfmetrics.registerFont(TTFont("DejaVuSans", path))
        except OSError:
            continue
        return "DejaVuSans"
    return None


def _body(blocks):
    """Expand the glossary placeholder into definition blocks."""
    expanded = []
    for block in blocks:
        if block["type"] == "definitions" and block["value"] == "GLOSSARY":
            block = {
                "type": "definitions",
                "value": [{"term": term, "definition": f"<p>{text}</p>"} for term, text in content.GLOSSARY_TERMS],
            }
        expanded.append(block)
    return expanded


def _resources(hub):
    documents = _documents()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    resources = {}
    for spec in content.RESOURCES:
        page = ResourcePage.objects.child_of(hub).filter(slug=spec["slug"]).first()
        if page is None:
            page = ResourcePage(
                slug=spec["slug"],
                title=spec["title"],
                resource_type=spec["type"],
                summary=spec["summary"],
                body=_body(spec["body"]),
                downloads=[
                    {"type": "download", "value": {"document": documents[key].pk, "description": description}}
                    for key, description in spec["downloads"]
                ],
                accessible_formats=spec["accessible_formats"],
                last_reviewed=REVIEWED,
            )
            page.topic_links = [ResourcePageTopic(topic=topics[slug]) for slug in spec["topics"] if slug in topics]
            hub.add_child(instance=page)
            page.save_revision().publish()
        resources[spec["slug"]] = page
    return resources


def _link_readings(resources):
    for (course_slug, position), resource_slug in content.READING_RESOURCES.items():
        ReadingModule.objects.filter(course__slug=course_slug, position=position).update(
            resource_page=resources[resource_slug]
        )
