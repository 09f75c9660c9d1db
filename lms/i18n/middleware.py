from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .selectors import is_cms_path


class PreferredLanguageMiddleware:
    """Which language a request gets. Runs after authentication, after Django's LocaleMiddleware.

    - A URL with a language prefix (/es/…, CMS pages only) is in that language.
    - A logged-in employee gets their preferred language everywhere else (the language switcher
      updates it, so their choice follows them to every device, e-mail and certificate).
    - A visitor gets the language they chose with the switcher (cookie), else their browser's
      Accept-Language. (LocaleMiddleware alone gives every unprefixed URL the default language,
      because CMS pages do not prefix it.)
    A CMS page requested without prefix in another language than the default redirects to its URL
    in that language, so the page's URL always says which language it is in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if translation.get_language_from_path(request.path_info):
            return self.get_response(request)
        employee = getattr(request.user, "employee", None) if request.user.is_authenticated else None
        preferred = employee.preferred_language if employee is not None else ""
        cms = is_cms_path(request.path_info)
        if not preferred:
            preferred = translation.get_language_from_request(request, check_path=False)
        if cms and preferred != settings.LANGUAGE_CODE and request.method in ("GET", "HEAD"):
            target = translate_url(request.get_full_path(), preferred)
            if target != request.get_full_path():
                response = HttpResponseRedirect(target)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        if not cms:
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
