"""Builders for the public pages. Wagtail pages go into a tree, so these are functions, not factories."""

import itertools

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.models import CourseIndexPage, CoursePage, ResourceHubPage, ResourcePage, ResourcePageTopic
from courses.catalogue.models import Topic

_numbers = itertools.count(1)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def topic(slug, name=None):
    return Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug.replace("-", " ").capitalize()})[0]


def course_index(parent, **fields):
    fields.setdefault("title", "Courses")
    fields.setdefault("slug", "courses")
    return publish(parent, CourseIndexPage(**fields))


def course_page(index, course, **fields):
    fields.setdefault("title", course.title)
    fields.setdefault("slug", course.slug)
    return publish(index, CoursePage(course=course, **fields))


def resource_hub(parent, **fields):
    fields.setdefault("title", "Resource hub")
    fields.setdefault("slug", "resources")
    return publish(parent, ResourceHubPage(**fields))


def resource_page(hub, *, topics=(), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Resource {number}")
    fields.setdefault("slug", f"resource-{number}")
    fields.setdefault("summary", "A short guide for city staff.")
    fields.setdefault("resource_type", ResourcePage.ResourceType.GUIDE)
    page = ResourcePage(**fields)
    page.topic_links = [ResourcePageTopic(topic=t) for t in topics]
    return publish(hub, page)


def document(title="Checklist", filename="checklist.pdf", data=b"%PDF-1.4 demo"):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save(filename, ContentFile(data), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc
