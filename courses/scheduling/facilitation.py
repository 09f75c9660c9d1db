"""Reads and writes behind the facilitator pages (/facilitate/), the roster and QR check-in.

Built on courses.scheduling.services: every change to a series, session or registration goes through the
services there (row locks, state machine, e-mails). This module adds what only the facilitator pages
need: translating the pattern picker to and from an RRULE, listings, skipping an occurrence, signing
up for every meeting of a series, and finding the session behind a check-in code.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.people import roles

from . import permissions, services
from .exceptions import InvalidCheckinCode, SchedulingError
from .models import Registration, Session, SessionSeries
from .selectors import _with_counts

State = Registration.State

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Pattern:
    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY_WEEKDAY = "monthly_weekday"
    MONTHLY_DATE = "monthly_date"
    ADVANCED = "advanced"


# ---------------------------------------------------------------------------------------------------
# The pattern picker <-> RRULE


def build_rrule(
    *,
    pattern: str,
    interval: int = 1,
    weekdays=(),
    week_of_month: int | None = None,
    month_weekday: str = "",
    month_day: int | None = None,
    until: datetime.date | None = None,
    time_zone: str = "",
    end_time: datetime.time | None = None,
    advanced: str = "",
) -> str:
    """The RRULE for a pattern chosen in the form ('' for a single date). UNTIL is the end of the
    local `until` day, written in UTC as RFC 5545 asks when the start has a time zone."""
    from .recurrence import clean_rrule_text

    if pattern == Pattern.ONCE:
        return ""
    if pattern == Pattern.ADVANCED:
        return clean_rrule_text(advanced)
    parts = []
    if pattern == Pattern.WEEKLY:
        days = [day for day in WEEKDAYS if day in set(weekdays)]
        parts = ["FREQ=WEEKLY", f"BYDAY={','.join(days)}"]
    elif pattern == Pattern.MONTHLY_WEEKDAY:
        parts = ["FREQ=MONTHLY", f"BYDAY={week_of_month}{month_weekday}"]
    elif pattern == Pattern.MONTHLY_DATE:
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={month_day}"]
    else:
        raise ValueError(f"Unknown pattern {pattern!r}")
    if interval and interval > 1:
        parts.insert(1, f"INTERVAL={interval}")
    if until:
        import zoneinfo

        zone = zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE)
        last = datetime.datetime.combine(until, datetime.time(23, 59, 59)).replace(tzinfo=zone)
        parts.append("UNTIL=" + last.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


def parse_pattern(rrule: str, time_zone: str = "") -> dict:
    """The pattern picker's initial values for an existing RRULE; anything the picker cannot show
    comes back as the advanced pattern with the rule as text."""
    from .recurrence import clean_rrule_text

    text = clean_rrule_text(rrule)
    if not text:
        return {"pattern": Pattern.ONCE}
    advanced = {"pattern": Pattern.ADVANCED, "advanced_rrule": text}
    try:
        parts = dict(part.split("=", 1) for part in text.split(";"))
    except ValueError:
        return advanced
    result = {}
    interval = parts.pop("INTERVAL", "1")
    if not interval.isdigit():
        return advanced
    result["interval"] = int(interval)
    until = parts.pop("UNTIL", None)
    if until:
        try:
            moment = datetime.datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
        except ValueError:
            return advanced
        import zoneinfo

        result["until"] = moment.astimezone(zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE)).date()
    freq, byday, bymonthday = parts.pop("FREQ", ""), parts.pop("BYDAY", ""), parts.pop("BYMONTHDAY", "")
    if parts:
        return advanced
    if freq == "WEEKLY" and byday and not bymonthday:
        days = byday.split(",")
        if all(day in WEEKDAYS for day in days):
            return {**result, "pattern": Pattern.WEEKLY, "weekdays": days}
    if freq == "MONTHLY" and byday and not bymonthday and "," not in byday:
        number, day = byday[:-2], byday[-2:]
        if day in WEEKDAYS and number in {"1", "2", "3", "4", "-1", "+1", "+2", "+3", "+4"}:
            return {**result, "pattern": Pattern.MONTHLY_WEEKDAY, "week_of_month": int(number), "month_weekday": day}
    if freq == "MONTHLY" and bymonthday and not byday and bymonthday.isdigit():
        return {**result, "pattern": Pattern.MONTHLY_DATE, "month_day": int(bymonthday)}
    return advanced


# ---------------------------------------------------------------------------------------------------
# Listings


def series_for(user):
    """Series the user runs (every series for a training admin), newest first, with session counts."""
    queryset = SessionSeries.objects.all()
    if not roles.is_training_admin(user):
        queryset = queryset.filter(facilitators=user)
    now = timezone.now()
    return (
        queryset.select_related("course")
        .annotate(
            upcoming_count=Count(
                "sessions",
                filter=Q(sessions__starts_at__gt=now, sessions__status=Session.Status.SCHEDULED),
                distinct=True,
            )
        )
        .order_by("-active", "course__title", "id")
        .distinct()
    )


def sessions_for(user, *, past: bool = False, series: SessionSeries | None = None, now=None):
    """Sessions the user runs (all for a training admin): upcoming soonest first or past latest first,
    with seat and waitlist counts."""
    now = now or timezone.now()
    queryset = Session.objects.all()
    if series is not None:
        queryset = queryset.filter(series=series)
    elif not roles.is_training_admin(user):
        queryset = queryset.filter(facilitators=user)
    if past:
        queryset = queryset.filter(ends_at__lte=now).order_by("-starts_at", "-id")
    else:
        queryset = queryset.filter(ends_at__gt=now).order_by("starts_at", "id")
    return _with_counts(queryset.select_related("course", "series"))


def full_roster(session: Session) -> list[Registration]:
    """Everyone who registered for the session, cancelled ones included: seated people first, then
    the waitlist in its order, then cancellations. Guests who have not confirmed their e-mail address
    are left out (anyone can type a name and an address): `pending_guests_count` counts them."""
    order = {
        State.BOOKED: 0,
        State.ATTENDED: 0,
        State.NO_SHOW: 0,
        State.WAITLISTED: 1,
        State.PENDING: 2,
        State.CANCELLED: 3,
    }
    rows = list(
        session.registrations.exclude(state=State.PENDING)
        .select_related("user", "user__employee", "user__employee__department")
        .order_by("waitlisted_at", "created_at", "id")
    )
    return sorted(rows, key=lambda r: order.get(r.state, 4))


def pending_guests_count(session: Session) -> int:
    return session.registrations.filter(state=State.PENDING).count()


def walk_in_candidates(query: str, *, limit: int = 10):
    """Active employees whose name, username or employee number contains `query`."""
    from courses.people.models import Employee

    query = (query or "").strip()
    if len(query) < 2:
        return []
    words = query.split()
    condition = Q()
    for word in words:
        condition &= (
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(employee_number__icontains=word)
        )
    return list(
        Employee.objects.filter(condition, active=True)
        .select_related("user", "department")
        .order_by("user__last_name", "user__first_name")[:limit]
    )


# ---------------------------------------------------------------------------------------------------
# Writes that the facilitator pages need beyond courses.scheduling.services


def occurrence_skip(*, session: Session, actor) -> list[Registration]:
    """Skip one meeting of a series: its local date becomes a skipped date of the series and the
    session is cancelled (everyone registered is told), through services.series_update. A session
    changed on its own is no longer the series' to skip; it is cancelled instead (SchedulingError
    tells the facilitator). Returns the registrations told."""
    if session.series_id is None:
        raise SchedulingError(_("This session is not part of a series; cancel it instead."))
    if session.detached:
        raise SchedulingError(_("This meeting was changed on its own; cancel it instead of skipping it."))
    if session.is_cancelled:
        raise SchedulingError(_("This meeting is already cancelled."))
    if session.starts_at <= timezone.now():
        raise SchedulingError(_("This meeting has started; it can no longer be skipped."))
    series = session.series
    if not permissions.can_manage_series(actor, series):
        from .exceptions import NotAllowed

        raise NotAllowed(_("Only this series' facilitators or a training admin can change it."))
    local_date = session.local_starts_at.date().isoformat()
    # Fill the horizon first, so the edit below has no new date to move this session to.
    services.series_materialize(series_id=series.pk)
    series.refresh_from_db()
    change = services.series_update(series=series, actor=actor, exdates=[*series.exdates, local_date])
    return change.affected


@dataclass
class SeriesSignup:
    booked: list = field(default_factory=list)
    waitlisted: list = field(default_factory=list)
    already: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (session, message)


def series_upcoming_sessions(series: SessionSeries, user=None, *, now=None):
    """The series' meetings still open for registration, with counts (and the viewer's state)."""
    now = now or timezone.now()
    queryset = series.sessions.filter(status=Session.Status.SCHEDULED, starts_at__gt=now).order_by("starts_at")
    return list(_with_counts(queryset.select_related("course"), user))


def series_register(*, series: SessionSeries, user, now=None) -> SeriesSignup:
    """Sign a person up for every upcoming meeting of a series (a reading circle meets as one group):
    booked where a seat is free, waitlisted where not. Each meeting is booked by
    services.registration_create under that session's lock; meetings already joined are left as
    they are, and one that is closed or not open to the person is reported, not fatal."""
    now = now or timezone.now()
    result = SeriesSignup()
    for session in series.sessions.filter(status=Session.Status.SCHEDULED, starts_at__gt=now).order_by("starts_at"):
        if session.registrations.filter(user=user).exclude(state=State.CANCELLED).exists():
            result.already.append(session)
            continue
        try:
            registration = services.registration_create(session=session, user=user, now=now)
        except SchedulingError as error:
            result.refused.append((session, str(error)))
            continue
        (result.booked if registration.state == State.BOOKED else result.waitlisted).append(session)
    return result


# ---------------------------------------------------------------------------------------------------
# QR check-in


def checkin_url(code: str) -> str:
    return settings.SITE_URL + reverse("scheduling:checkin_code", args=[code])


def checkin_state(session: Session, *, now=None) -> dict:
    """What the check-in screen shows now: the code, the URL in the QR code (as inline SVG) and the
    seconds until the code changes."""
    import segno

    now = now or timezone.now()
    code = services.checkin_code(session, now)
    url = checkin_url(code)
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", border=2, omitsize=True, xmldecl=False, svgns=True, title=_("Check-in QR code"), nl=False
    )
    rotation = services.CHECKIN_ROTATION_SECONDS
    return {
        "code": code,
        "url": url,
        "svg": buffer.getvalue().decode(),
        "seconds_left": rotation - int(now.timestamp()) % rotation,
        "rotation": rotation,
    }


def session_for_checkin_code(code: str, *, now=None) -> Session:
    """The running session (from 30 minutes before to 30 minutes after) whose current or previous
    code is `code`; InvalidCheckinCode otherwise. For the confirmation page before checking in."""
    now = now or timezone.now()
    code = services.normalise_checkin_code(code)
    if len(code) == services.CHECKIN_CODE_LENGTH:
        running = Session.objects.filter(
            status=Session.Status.SCHEDULED,
            starts_at__lte=now + services.CHECKIN_EARLY,
            ends_at__gte=now - services.CHECKIN_LATE,
        ).select_related("course")
        for session in running:
            if code in services.checkin_codes_accepted(session, now):
                return session
    raise InvalidCheckinCode(
        _("This check-in code is not valid or has expired. Please use the code shown in the room now.")
    )


def series_leave(*, series: SessionSeries, user, now=None) -> list[Registration]:
    """Cancel the person's places at every upcoming meeting of the series (services.registration_cancel
    for each, so each freed seat goes to that meeting's waitlist). Returns the registrations cancelled."""
    now = now or timezone.now()
    cancelled = []
    places = Registration.objects.filter(
        session__series=series,
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gt=now,
        user=user,
        state__in=Registration.ACTIVE,
    ).select_related("session")
    for registration in places:
        cancelled.append(services.registration_cancel(registration=registration, actor=user, now=now))
    return cancelled


def required_attendances(series: SessionSeries) -> int:
    """How many meetings of the series complete the course's live session (the series' own number,
    else the course's live-session module's, else one)."""
    if series.required_attendances:
        return series.required_attendances
    from courses.catalogue.models import LiveSessionModule

    module = LiveSessionModule.objects.filter(course_id=series.course_id).order_by("position").first()
    return module.required_attendances if module else 1


def meeting_count(series: SessionSeries) -> int:
    """Meetings of the series that take place (cancelled ones left out)."""
    return series.sessions.filter(status=Session.Status.SCHEDULED).count()


def series_attendance(series: SessionSeries, user_ids) -> dict[int, int]:
    """How many meetings of the series each of these people attended (one query)."""
    rows = (
        Registration.objects.filter(session__series=series, state=State.ATTENDED, user_id__in=list(user_ids))
        .values("user_id")
        .annotate(count=Count("id"))
    )
    return {row["user_id"]: row["count"] for row in rows}


# ---------------------------------------------------------------------------------------------------
# The rule in words


def describe_rrule(rrule: str, time_zone: str = "") -> str | None:
    """The series' pattern in the reader's language ("Monthly on the second Tuesday"), or None for a
    rule the pattern picker cannot show (an advanced rule, or every third week or more): the page
    then shows the rule itself."""
    from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
    from django.utils.formats import date_format

    pattern = parse_pattern(rrule, time_zone)
    kind, interval = pattern["pattern"], pattern.get("interval", 1)
    if kind == Pattern.ONCE:
        return _("Once")
    if kind == Pattern.ADVANCED or interval > 2:
        return None
    if kind == Pattern.WEEKLY:
        days = ", ".join(str(WEEKDAY_NAMES[WEEKDAYS.index(day)]) for day in pattern["weekdays"])
        text = (_("Weekly on %(days)s") if interval == 1 else _("Every other week on %(days)s")) % {"days": days}
    elif kind == Pattern.MONTHLY_WEEKDAY:
        weekday = str(WEEKDAY_NAMES[WEEKDAYS.index(pattern["month_weekday"])])
        every_month = {
            1: _("Monthly on the first %(weekday)s"),
            2: _("Monthly on the second %(weekday)s"),
            3: _("Monthly on the third %(weekday)s"),
            4: _("Monthly on the fourth %(weekday)s"),
            -1: _("Monthly on the last %(weekday)s"),
        }
        every_other_month = {
            1: _("Every other month on the first %(weekday)s"),
            2: _("Every other month on the second %(weekday)s"),
            3: _("Every other month on the third %(weekday)s"),
            4: _("Every other month on the fourth %(weekday)s"),
            -1: _("Every other month on the last %(weekday)s"),
        }
        text = (every_month if interval == 1 else every_other_month)[pattern["week_of_month"]] % {"weekday": weekday}
    else:
        day = pattern["month_day"]
        text = (_("Monthly on day %(day)s") if interval == 1 else _("Every other month on day %(day)s")) % {"day": day}
    if pattern.get("until"):
        text = _("%(pattern)s, until %(date)s") % {
            "pattern": text,
            "date": date_format(pattern["until"], "DATE_FORMAT"),
        }
    return text


def first_meeting(series: SessionSeries) -> Session | None:
    """The series' first meeting that takes place (not the date typed as its start, which the rule
    may not fall on)."""
    return series.sessions.exclude(status=Session.Status.CANCELLED).order_by("starts_at").first()
