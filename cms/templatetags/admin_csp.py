"""`{% csp_nonce_attribute %}`: ` nonce="…"` for the inline scripts of Wagtail's admin widgets and panels
that this project overrides (templates/wagtailadmin/), so the admin runs without 'unsafe-inline'.
Widgets are rendered without the request, hence the middleware's context variable."""

from django import template
from django.utils.html import format_html

from lms.security.headers import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce_attribute():
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""
