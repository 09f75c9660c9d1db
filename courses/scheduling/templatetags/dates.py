"""`{% load dates %}`: `value|weekday_date` — a day with its weekday in the viewer's language (see lms.dates)."""

from django import template

from lms.dates import day_with_weekday

register = template.Library()


@register.filter
def weekday_date(value):
    return day_with_weekday(value)
