from django.utils.functional import SimpleLazyObject

from .selectors import section_urls


def site_sections(request):
    """Where the public sections live (course catalogue, reading circles, resource hub), for the
    header; lazy, so a page that does not show them runs no query."""
    return {"site_sections": SimpleLazyObject(lambda: section_urls(request))}
