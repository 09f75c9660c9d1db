"""Dates as the viewer's language writes them. Every date a person reads goes through Django's locale
formats (DATE_FORMAT, DATETIME_FORMAT, …); a day with its weekday is the locale's weekday name and the
locale's date, put together by a translated pattern (Chinese puts the weekday after the date)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value) -> str:
    """ "December 8, 2026", "8 de diciembre de 2026", "2026年12月8日"…; "" for no date."""
    if not value:
        return ""
    return date_format(_local(value), "DATE_FORMAT")


def day_with_weekday(value) -> str:
    """ "Tuesday, Dec. 8, 2026", "martes, 8 de diciembre de 2026", "2026年12月8日 星期二"…"""
    if not value:
        return ""
    value = _local(value)
    return _("%(weekday)s, %(date)s") % {
        "weekday": date_format(value, "l"),
        "date": date_format(value, "DATE_FORMAT"),
    }


def date_and_time(value) -> str:
    """The locale's DATETIME_FORMAT, in the current time zone."""
    if not value:
        return ""
    return date_format(_local(value), "DATETIME_FORMAT")
