from django import template
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
