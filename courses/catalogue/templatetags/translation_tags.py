from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


@register.filter
def fallback_lang(obj, field_name):
    """` lang="en" dir="ltr"` when `obj.<field_name>` has no translation in the active language and
    shows the default language's text instead, so screen readers pronounce it right and the text
    runs in its own direction inside a right-to-left page (WCAG 3.1.2)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if obj is None or language == default:
        return ""
    localized = build_localized_fieldname(field_name, language)
    if not hasattr(obj, localized) or getattr(obj, localized):
        return ""
    if not getattr(obj, build_localized_fieldname(field_name, default), None):
        return ""
    bidi = translation.get_language_info(default)["bidi"]
    return format_html(' lang="{}" dir="{}"', default, "rtl" if bidi else "ltr")
