"""/sessions/calendar/: the month's sessions the viewer may see, as a calendar (a list by day on narrow
screens). Weekday names, the month's title and the first day of the week come from the locale."""

import calendar as pycalendar
import datetime
import re
from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from .. import selectors
from ..models import Session

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# Far enough for any plan, near enough that every month boundary is a valid aware datetime.
YEARS_AROUND = 50


class BadMonth(ValueError):
    pass


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    sessions: list[Session] = field(default_factory=list)


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return datetime.date(today.year - YEARS_AROUND, 1, 1), datetime.date(today.year + YEARS_AROUND, 12, 1)


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """The first day of the month `value` names (YYYY-MM); this month when empty. BadMonth with a
    message a person can act on otherwise."""
    if not value:
        return today.replace(day=1)
    first, last = month_bounds(today)
    match = MONTH.fullmatch(value.strip()[:20])
    if not match or not 1 <= int(match[2]) <= 12:
        raise BadMonth(
            _("“%(value)s” is not a month. Write it as year and month, for example %(example)s.")
            % {"value": value[:20], "example": today.strftime("%Y-%m")}
        )
    month = datetime.date(int(match[1]), int(match[2]), 1)
    if not first <= month <= last:
        raise BadMonth(
            _("Choose a month from %(first)s to %(last)s.")
            % {
                "first": formats.date_format(first, "YEAR_MONTH_FORMAT"),
                "last": formats.date_format(last, "YEAR_MONTH_FORMAT"),
            }
        )
    return month


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def first_weekday() -> int:
    """The locale's first day of the week, in Python's numbering (Monday is 0; Django's has Sunday 0)."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def weeks_of(month: datetime.date, sessions, today: datetime.date) -> list[list[Day]]:
    by_date: dict[datetime.date, list[Session]] = {}
    for session in sessions:
        by_date.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    grid = pycalendar.Calendar(first_weekday()).monthdatescalendar(month.year, month.month)
    return [
        [
            Day(date=day, in_month=day.month == month.month, is_today=day == today, sessions=by_date.get(day, []))
            for day in week
        ]
        for week in grid
    ]


def session_calendar(request):
    today = timezone.localdate()
    try:
        month = parse_month(request.GET.get("month"), today)
    except BadMonth as error:
        return render(
            request,
            "scheduling/session_calendar.html",
            {"error": str(error), "this_month": today.strftime("%Y-%m")},
            status=400,
        )
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(add_months(month, 1), datetime.time.min, tzinfo=zone)
    sessions = selectors.sessions_between_for(request.user, start=start, end=end)
    weeks = weeks_of(month, sessions, today)
    first, last = month_bounds(today)
    previous, following = add_months(month, -1), add_months(month, 1)
    order = [(first_weekday() + offset) % 7 for offset in range(7)]
    return render(
        request,
        "scheduling/session_calendar.html",
        {
            "month": month,
            "weeks": weeks,
            "days_with_sessions": [day for week in weeks for day in week if day.in_month and day.sessions],
            "weekdays": [(WEEKDAYS[number], WEEKDAYS_ABBR[number]) for number in order],
            "previous": previous.strftime("%Y-%m") if previous >= first else None,
            "previous_date": previous,
            "next": following.strftime("%Y-%m") if following <= last else None,
            "next_date": following,
            "is_this_month": month == today.replace(day=1),
            "this_month": today.strftime("%Y-%m"),
            "session_count": len(sessions),
        },
    )
