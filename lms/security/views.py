"""Error pages in the site's layout and the visitor's language."""

import logging

from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """Django's default renders 500.html without the request; ours has the layout (language switch,
    links) and falls back to one plain sentence if even that fails."""
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", request=request))
    except Exception:
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError("Server error. Please try again later.", content_type="text/plain")
