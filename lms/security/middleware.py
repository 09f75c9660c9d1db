"""One place that refuses input the database cannot hold, for every view of the site (Wagtail's
admin included), so that no request, however hostile, reaches a view as a server error.

- A NUL byte in the path or the query string is refused with a 400 page that says why: PostgreSQL
  cannot store or compare text containing one. (Form fields are refused by Django's own
  ProhibitNullCharactersValidator on every forms.CharField.)
- A whole-number path parameter larger than the database's integers, or an id-like path parameter
  (`pk`, `…_id`, `…_pk`) that is not a number, answers 404: no such row can exist.
- A value the database or a parser cannot take that still reaches a view (an out-of-range integer,
  a non-numeric id in a query string, a missing or malformed field posted by hand) answers 400
  instead of 500; the exception is logged as a warning so a real bug still shows in the logs.
"""

import json
import logging
import re

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_DATABASE_INTEGER = 2**63 - 1
_ID_NAME = re.compile(r"(^pk$|_pk$|_id$|^id$)")
_DIGITS = re.compile(r"[0-9]{1,19}")


def bad_request(request, message, status=400):
    return render(request, "400.html", {"message": message}, status=status)


def _has_nul(request):
    return (
        "\x00" in request.path
        or "\x00" in request.META.get("QUERY_STRING", "")
        or any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())
    )


def _is_database_value_error(error):
    """A ValueError raised while a model field turned request data into a database value."""
    frames = error.__traceback__
    while frames is not None:
        module = frames.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("django.db.models.fields", "django.db.models.lookups")):
            return True
        frames = frames.tb_next
    return False


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return bad_request(request, _("The address contains a character that is not allowed (a NUL byte)."))
        if not request.GET.get("next", "/").startswith("/"):
            # `next` is always a path on this site; anything else would be taken for a view name by
            # redirect() (Wagtail's login does that for a signed-in user) or sent off-site.
            request.GET = request.GET.copy()
            del request.GET["next"]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for name, value in view_kwargs.items():
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_DATABASE_INTEGER:
                raise Http404
            if isinstance(value, str) and _ID_NAME.search(name) and not _DIGITS.fullmatch(value):
                raise Http404
        return None

    def process_exception(self, request, exception):
        refused = isinstance(exception, OverflowError | MultiValueDictKeyError | json.JSONDecodeError)
        refused = refused or (isinstance(exception, ValidationError) and not hasattr(exception, "error_dict"))
        refused = refused or (isinstance(exception, ValueError) and _is_database_value_error(exception))
        if not refused:
            return None
        logger.warning("Refused a request: %s %s: %r", request.method, request.path, exception)
        message = _("Part of the request could not be understood. Check what you typed, then try again.")
        return bad_request(request, message)
