"""Content-Security-Policy and Permissions-Policy on every response.

The site's own pages run no inline script, so their policy allows scripts from this origin only. The
Wagtail admin ships a few inline scripts (date pickers, inline panels) and previews pages in a frame,
so /admin/ gets its own, looser policy; it is only open to signed-in staff. The policies are settings
(CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN, PERMISSIONS_POLICY) so a deployment can
tighten them; an empty one sends no header."""

from django.conf import settings


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith("/admin/")
        policy = settings.CONTENT_SECURITY_POLICY_ADMIN if admin else settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
