"""Reads of the CMS that other parts ask for."""

from django.utils.translation import get_language

from .models import CourseIndexPage


def course_index_url(request) -> str | None:
    """The live course index page in the reader's language (else in any language), or None."""
    indexes = CourseIndexPage.objects.live().order_by("path")
    index = indexes.filter(locale__language_code=get_language()).first() or indexes.first()
    return index.get_url(request) if index is not None else None
