"""Reads about languages: which language a request should get, and where a page lives in another one."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

CMS_URL_NAME = "wagtail_serve"


def is_cms_path(path: str) -> bool:
    """Whether `path` (without a language prefix) is served by Wagtail, i.e. its URL carries the language."""
    try:
        return resolve(path).url_name == CMS_URL_NAME
    except Resolver404:
        return False


def path_language(path: str) -> str:
    """The language a URL path is in: its prefix (/es/…), else the default language."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def url_in_language(request, url: str, language: str) -> str:
    """The same page in `language`: for a CMS page its translation's URL when there is one, else the
    same path under the language's prefix; other pages keep their URL (the language comes from the
    person's choice, not the path)."""
    parts = urlsplit(url)
    current = path_language(parts.path)
    with translation.override(current):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return url
        if match.url_name == CMS_URL_NAME:
            translated = _translated_page_url(request, parts.path, language)
            if translated:
                return urlunsplit(("", "", translated, parts.query, parts.fragment))
        return translate_url(url, language)


def _translated_page_url(request, path: str, language: str) -> str:
    from wagtail.models import Locale, Page

    route = Page.route_for_request(request, _without_prefix(path))
    if hasattr(request, "_wagtail_route_for_request"):
        del request._wagtail_route_for_request  # routed in the old language; do not cache for this request
    if route is None:
        return ""
    page = route[0]
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return ""
    target = page.get_translation_or_none(locale)
    if target is None or not target.live:
        return ""
    return target.get_url(request) or ""


def _without_prefix(path: str) -> str:
    prefixed = translation.get_language_from_path(path)
    if prefixed:
        return path[len(prefixed) + 1 :] or "/"
    return path
