"""Expanding a series' RRULE into occurrences.

The rule is evaluated on local wall-clock times in the series' time zone and each occurrence is
converted to UTC on its own, so a meeting at 10:00 stays at 10:00 local time across daylight-saving
changes (its UTC time moves instead).
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule as dateutil_rrule
from django.utils.translation import gettext as _

ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
UTC = datetime.UTC


class RecurrenceError(ValueError):
    """The rule or the skipped dates cannot be understood; the message says why."""


@dataclass(frozen=True)
class Occurrence:
    local_date: datetime.date
    starts_at: datetime.datetime  # aware, UTC
    ends_at: datetime.datetime  # aware, UTC


def _zone(time_zone: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise RecurrenceError(_("“%(value)s” is not a known time zone.") % {"value": time_zone})


def clean_rrule_text(text: str) -> str:
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return text.strip().upper()


def parse_rrule(text: str, start_date: datetime.date, start_time: datetime.time, time_zone: str):
    """A dateutil rrule for `text` (an RFC 5545 RRULE value, with or without the "RRULE:" prefix)
    starting at the local `start_date` `start_time`. UNTIL must be a date or a UTC time (…Z)."""
    text = clean_rrule_text(text)
    zone = _zone(time_zone)
    if not text:
        raise RecurrenceError(_("The recurrence rule is empty."))
    parts = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
    if "FREQ" not in parts:
        raise RecurrenceError(_("The recurrence rule needs a FREQ (for example FREQ=MONTHLY)."))
    if parts["FREQ"] not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(_("Sessions can repeat daily, weekly, monthly or yearly."))
    if "DTSTART" in text:
        raise RecurrenceError(_("Give the first date separately, not inside the rule."))
    dtstart = datetime.datetime.combine(start_date, start_time).replace(tzinfo=zone)
    try:
        rule = dateutil_rrule.rrulestr("RRULE:" + text, dtstart=dtstart)
    except (ValueError, TypeError, KeyError) as error:
        raise RecurrenceError(_("This is not a valid recurrence rule: %(error)s") % {"error": error})
    if not isinstance(rule, dateutil_rrule.rrule):
        raise RecurrenceError(_("Give one recurrence rule."))
    return rule


def normalise_exdates(values) -> list[str]:
    """Skipped dates as sorted unique ISO strings; RecurrenceError for anything that is not a date."""
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = values.replace(";", ",").replace("\n", ",").split(",")
    result = set()
    for value in values:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            result.add(value.isoformat())
            continue
        value = str(value).strip()
        if not value:
            continue
        try:
            result.add(datetime.date.fromisoformat(value).isoformat())
        except ValueError:
            raise RecurrenceError(_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value})
    return sorted(result)


def occurrences(
    *,
    start_date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    time_zone: str,
    rrule: str = "",
    exdates=(),
    after: datetime.datetime | None = None,
    before: datetime.datetime | None = None,
    limit: int | None = None,
) -> list[Occurrence]:
    """Occurrences whose start lies in [after, before] (aware datetimes; None = unbounded), skipping
    `exdates` (local dates). `limit` caps how many are returned (needed for an unbounded rule)."""
    zone = _zone(time_zone)
    skipped = set(normalise_exdates(exdates))
    length = datetime.datetime.combine(start_date, end_time) - datetime.datetime.combine(start_date, start_time)
    if length <= datetime.timedelta(0):
        raise RecurrenceError(_("The end must be after the start."))
    if rrule:
        rule = parse_rrule(rrule, start_date, start_time, time_zone)
        starts = _iterate(rule, zone, after, before, limit)
    else:
        starts = [datetime.datetime.combine(start_date, start_time).replace(tzinfo=zone)]
    result = []
    for local in starts:
        # dateutil keeps the wall-clock time and the zone; normalise through UTC so a time that
        # falls in a spring-forward gap lands on a real instant.
        local = local.replace(tzinfo=zone)
        utc_start = local.astimezone(UTC)
        if after is not None and utc_start < after:
            continue
        if before is not None and utc_start > before:
            break
        if local.date().isoformat() in skipped:
            continue
        local_end = (datetime.datetime.combine(local.date(), start_time) + length).replace(tzinfo=zone)
        result.append(Occurrence(local.date(), utc_start, local_end.astimezone(UTC)))
        if limit is not None and len(result) >= limit:
            break
    return result


def _iterate(rule, zone, after, before, limit):
    # Widen the window by a day on each side: the rule compares in local time, the caller in UTC.
    day = datetime.timedelta(days=1)
    for local in rule:
        if after is not None and local < after - day:
            continue
        if before is not None and local > before + day:
            return
        yield local
