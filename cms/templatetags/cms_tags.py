from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def duration(minutes):
    """45 → "45 minutes", 120 → "2 hours", 210 → "3 h 30 min", in the active language."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


@register.filter
def content_lang(page):
    """` lang=".." dir=".."` when a page is shown in another language than the interface (an untranslated
    page falls back to the original), so screen readers pronounce it right (WCAG 3.1.2)."""
    if getattr(page, "alias_of_id", None):
        page = page.alias_of  # an alias (wagtail-localize's untranslated copy) shows its source's content
    locale = getattr(page, "locale", None)
    if locale is None:
        return ""
    code = locale.language_code
    if translation.get_language() == code:
        return ""
    try:
        bidi = translation.get_language_info(code)["bidi"]
    except KeyError:
        bidi = False
    return format_html(' lang="{}" dir="{}"', code, "rtl" if bidi else "ltr")
