from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import selectors, services
from .exceptions import UnknownLanguage


@require_POST
def set_language(request):
    """The language switcher: remember the choice (the employee's preferred language when logged in,
    else a cookie) and go back to the same page in that language."""
    next_url = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    try:
        language = services.supported_language(request.POST.get("language", ""))
    except UnknownLanguage:
        return HttpResponseRedirect(next_url)
    employee = getattr(request.user, "employee", None) if request.user.is_authenticated else None
    if employee is not None:
        services.employee_language_set(employee=employee, language=language)
    response = HttpResponseRedirect(selectors.url_in_language(request, next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
