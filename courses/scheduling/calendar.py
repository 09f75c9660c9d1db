"""iCalendar files (RFC 5545/5546) built with the icalendar package.

Every event carries its session's stable UID and a SEQUENCE that grows with each change, local
DTSTART/DTEND with a TZID and the matching VTIMEZONE, so Outlook, Google Calendar and Apple Calendar
place it at the same local time and replace (not duplicate) it when it changes.
"""

import datetime
import threading
from collections import OrderedDict
from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Registration, Session, SessionSeries
from .recurrence import clean_rrule_text

PRODID = "-//Common Ground//Sessions//EN"


def _organizer():
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{address or 'training@example.org'}")
    organizer.params["cn"] = icalendar.vText(name or _("Common Ground"))
    return organizer


def _calendar(method: str | None = None, name: str | None = None) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _location(obj) -> str:
    return ", ".join(part for part in (obj.room, obj.video_link) if part)


def _description(obj, url: str) -> str:
    lines = [obj.course.summary] if obj.course.summary else []
    if obj.video_link:
        lines.append(_("Join online: %(link)s") % {"link": obj.video_link})
    if getattr(obj, "is_cancelled", False) and obj.cancel_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": obj.cancel_reason})
    lines.append(url)
    return "\n\n".join(lines)


def session_url(session: Session) -> str:
    return settings.SITE_URL + reverse("scheduling:detail", args=[session.pk])


def session_event(
    session: Session,
    *,
    sequence: int | None = None,
    cancelled: bool | None = None,
    attendee: Registration | None = None,
    stamp: datetime.datetime | None = None,
) -> icalendar.Event:
    """The VEVENT of one session. `cancelled` overrides the session's status (a cancelled
    registration of a running session); `attendee` adds the person (needed by REQUEST/CANCEL)."""
    cancelled = session.is_cancelled if cancelled is None else cancelled
    url = session_url(session)
    event = icalendar.Event()
    event.add("uid", session.uid)
    event.add("sequence", session.sequence if sequence is None else sequence)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", session.local_starts_at)
    event.add("dtend", session.local_ends_at)
    event.add("summary", session.display_title)
    location = _location(session)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("description", _description(session, url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    event.add("last-modified", session.updated_at or timezone.now())
    event["organizer"] = _organizer()
    if attendee is not None and attendee.email:
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = icalendar.vText(attendee.person_name)
        address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        address.params["partstat"] = icalendar.vText("DECLINED" if cancelled else "ACCEPTED")
        address.params["rsvp"] = icalendar.vText("FALSE")
        event.add("attendee", address, encode=0)
    return event


def _finish(calendar: icalendar.Calendar) -> bytes:
    first, last = _timezone_window()
    calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def session_ics(session: Session) -> bytes:
    """A downloadable .ics of one session (no METHOD: a plain publish for "add to calendar")."""
    calendar = _calendar()
    calendar.add_component(session_event(session))
    return _finish(calendar)


def invitation_ics(registration: Registration, *, method: str) -> bytes:
    """A REQUEST (invitation or update) or CANCEL for one person's registration, as attached to
    e-mails. The SEQUENCE is the session's plus the person's `calendar_offset`, so a new invitation
    after an earlier cancellation of the same event wins over it."""
    session = registration.session
    calendar = _calendar(method=method)
    cancelled = method == "CANCEL"
    event = session_event(
        session,
        sequence=session.sequence + registration.calendar_offset,
        cancelled=cancelled,
        attendee=registration,
    )
    calendar.add_component(event)
    return _finish(calendar)


class _LRU:
    """A small per-process cache of serialised feed parts. Keys carry everything the bytes depend on
    (UID, SEQUENCE, last change of the session and its course, language…), so a stale entry is never
    served; it simply ages out."""

    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get_or_build(self, key, build):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        value = build()
        with self.lock:
            self.data[key] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


_feed_parts = _LRU(5000)


def _timezone_window() -> tuple[datetime.date, datetime.date]:
    year = timezone.now().year
    return datetime.date(year - 2, 1, 1), datetime.date(year + 6, 1, 1)


def _feed_event_bytes(session: Session, *, sequence: int, kind: str) -> bytes:
    """One VEVENT of a feed, serialised. DTSTAMP is the session's last change, as RFC 5545 asks of
    objects without METHOD, which lets the bytes be reused until the session changes."""
    key = (
        session.uid,
        sequence,
        kind,
        session.updated_at,
        session.course.updated_at,
        get_language(),
        settings.SITE_URL,
    )

    def build():
        event = session_event(session, sequence=sequence, stamp=session.updated_at or timezone.now())
        if kind == "waitlisted":
            event["summary"] = _("Waitlist: %(title)s") % {"title": session.display_title}
            event["status"] = "CANCELLED" if session.is_cancelled else "TENTATIVE"
        elif kind == "facilitating":
            event["summary"] = _("Facilitating: %(title)s") % {"title": session.display_title}
        return event.to_ical()

    return _feed_parts.get_or_build(key, build)


def _feed_head_bytes(name: str, zones: tuple[str, ...]) -> bytes:
    window = _timezone_window()

    def build():
        calendar = _calendar(name=name)
        calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
        for zone in zones:
            calendar.add_component(icalendar.Timezone.from_tzid(zone, first_date=window[0], last_date=window[1]))
        return calendar.to_ical()

    return _feed_parts.get_or_build(("head", name, zones, window, get_language()), build)


def feed_ics(registrations, facilitated, *, name: str) -> bytes:
    """A personal feed: the sessions one holds a place at (waitlisted ones marked tentative), and
    those one runs. Built from rows already fetched (no queries here); each event's bytes are reused
    until its session changes."""
    parts, zones, seen = [], set(), set()
    for registration in registrations:
        session = registration.session
        seen.add(session.pk)
        zones.add(session.time_zone)
        kind = "waitlisted" if registration.state == Registration.State.WAITLISTED else "place"
        parts.append(_feed_event_bytes(session, sequence=session.sequence + registration.calendar_offset, kind=kind))
    for session in facilitated:
        if session.pk in seen:
            continue
        zones.add(session.time_zone)
        parts.append(_feed_event_bytes(session, sequence=session.sequence, kind="facilitating"))
    head = _feed_head_bytes(name, tuple(sorted(zones)))
    closing = b"END:VCALENDAR\r\n"
    assert head.endswith(closing)
    return head[: -len(closing)] + b"".join(parts) + closing


def series_ics(series: SessionSeries, sessions) -> bytes:
    """The whole series as one recurring event (RRULE, EXDATE for skipped dates), with an override
    (RECURRENCE-ID) for each session moved or cancelled on its own. `sessions` are the series'
    sessions that were changed on their own or cancelled."""
    calendar = _calendar(name=series.display_title)
    zone = series.tzinfo
    url = settings.SITE_URL + reverse("scheduling:series_ics", args=[series.pk])
    first_start = datetime.datetime.combine(series.start_date, series.start_time).replace(tzinfo=zone)
    first_end = datetime.datetime.combine(series.start_date, series.end_time).replace(tzinfo=zone)
    master = icalendar.Event()
    master.add("uid", series.uid)
    master.add("sequence", series.sequence)
    master.add("dtstamp", timezone.now())
    master.add("dtstart", first_start)
    master.add("dtend", first_end)
    master.add("summary", series.display_title)
    if _location(series):
        master.add("location", _location(series))
    master.add("url", url)
    master.add("description", _description(series, url))
    master["organizer"] = _organizer()
    if series.rrule:
        master.add("rrule", icalendar.vRecur.from_ical(clean_rrule_text(series.rrule)))
    if series.exdates:
        master.add(
            "exdate",
            [
                datetime.datetime.combine(datetime.date.fromisoformat(day), series.start_time).replace(tzinfo=zone)
                for day in series.exdates
            ],
        )
    master.add("status", "CONFIRMED")
    calendar.add_component(master)
    for session in sessions:
        if session.original_start is None:
            continue
        override = icalendar.Event()
        override.add("uid", series.uid)
        override.add("recurrence-id", session.original_start.astimezone(zone))
        override.add("sequence", series.sequence + session.sequence)
        override.add("dtstamp", timezone.now())
        override.add("dtstart", session.local_starts_at)
        override.add("dtend", session.local_ends_at)
        override.add("summary", session.display_title)
        if _location(session):
            override.add("location", _location(session))
        override.add("url", session_url(session))
        override.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        calendar.add_component(override)
    return _finish(calendar)
