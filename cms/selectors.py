"""Reads of the CMS that other parts ask for."""

from django.utils.translation import get_language

from .models import CourseIndexPage


def course_index_url(request) -> str | None:
    """The live course index page in the reader's language (else in any language), or None."""
    indexes = CourseIndexPage.objects.live().order_by("path")
    index = indexes.filter(locale__language_code=get_language()).first() or indexes.first()
    return index.get_url(request) if index is not None else None


def section_urls(request) -> dict[str, str]:
    """The URLs of the live section pages the header links to, keyed "courses", "reading_circles"
    and "resources": each in the reader's language if published in it, else in any language; a
    section with no live page is left out. One query."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from .models import ReadingCirclesIndexPage, ResourceHubPage

    kinds = ContentType.objects.get_for_models(CourseIndexPage, ReadingCirclesIndexPage, ResourceHubPage)
    names = {
        kinds[CourseIndexPage].pk: "courses",
        kinds[ReadingCirclesIndexPage].pk: "reading_circles",
        kinds[ResourceHubPage].pk: "resources",
    }
    language = get_language()
    found = {}
    pages = Page.objects.live().filter(content_type__in=names).select_related("locale").order_by("path")
    for page in pages:
        name = names[page.content_type_id]
        in_language = page.locale.language_code == language
        if name not in found or (in_language and not found[name][0]):
            found[name] = (in_language, page)
    return {name: url for name, (_, page) in found.items() if (url := page.get_url(request))}
