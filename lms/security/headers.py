"""Content-Security-Policy (django-csp) and Permissions-Policy on every response.

django-csp writes the policy of CONTENT_SECURITY_POLICY; the Wagtail admin (/admin/, signed-in staff
only) gets CONTENT_SECURITY_POLICY_ADMIN instead, because a few of Wagtail's own widgets still ship
inline script (README, production section). A view decorated with django-csp's decorators keeps the
policy it asked for. Django has no Permissions-Policy setting, so the small middleware below sends it."""

from contextvars import ContextVar

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"

# The request being answered, for templates rendered without it (form widgets): they still need its
# nonce. Set and cleared by the middleware around each request.
_current_request: ContextVar = ContextVar("csp_current_request", default=None)


def current_nonce() -> str:
    """The CSP nonce of the request being answered ("" outside a request). Reading it puts it in the
    policy header, so a script carrying it runs and no other inline script does."""
    request = _current_request.get()
    if request is None or not hasattr(request, "csp_nonce"):
        return ""
    return str(request.csp_nonce)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        _current_request.set(request)

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        finally:
            _current_request.set(None)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if not report_only and parts.config is None and admin_policy and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = admin_policy["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
