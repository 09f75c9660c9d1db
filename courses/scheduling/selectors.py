"""Reads of scheduling for pages and feeds. Each runs a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from courses.people import roles

from . import permissions
from .models import Accommodation, CalendarToken, Registration, Session
from .permissions import ancestor_paths

State = Registration.State
FEED_PAST = datetime.timedelta(weeks=6)
FEED_AHEAD = datetime.timedelta(days=366)


def visibility_q(user) -> Q:
    """Sessions (or series) the user may see: public ones; for an active employee, unrestricted ones
    and those restricted to a department above or at theirs; for facilitators, those they run; for
    training admins, all."""
    if user.is_authenticated and roles.is_training_admin(user):
        return Q()
    query = Q(is_public=True)
    if not user.is_authenticated:
        return query
    through = Session.restricted_departments.through
    query |= Exists(Session.facilitators.through.objects.filter(session_id=OuterRef("pk"), user_id=user.pk))
    employee = roles.employee_of(user)
    if employee is not None and employee.active:
        query |= ~Exists(through.objects.filter(session_id=OuterRef("pk")))
        query |= Exists(
            through.objects.filter(session_id=OuterRef("pk"), department__path__in=ancestor_paths(employee.department))
        )
    return query


def _with_counts(queryset, user=None):
    queryset = queryset.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__state__in=Registration.SEATED), distinct=True),
        waitlist_count=Count("registrations", filter=Q(registrations__state=State.WAITLISTED), distinct=True),
    )
    if user is not None and user.is_authenticated:
        mine = Registration.objects.filter(session=OuterRef("pk"), user=user).exclude(state=State.CANCELLED)
        queryset = queryset.annotate(my_state=Subquery(mine.values("state")[:1]))
    return queryset


@dataclass
class SessionFilters:
    course: str = ""  # course slug
    language: str = ""
    format: str = ""  # in_person, online, hybrid
    month: str = ""  # YYYY-MM, in the viewer's time zone


FORMATS = {
    "in_person": Q(video_link=""),
    "online": Q(room="") & ~Q(video_link=""),
    "hybrid": ~Q(room="") & ~Q(video_link=""),
}


def _month_range(month: str):
    try:
        year, number = (int(part) for part in month.split("-", 1))
        start = datetime.datetime(year, number, 1)
    except (TypeError, ValueError):
        return None
    end = datetime.datetime(year + (number == 12), number % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)


def sessions_upcoming_for(user, filters: SessionFilters | None = None, *, now=None) -> list[Session]:
    """Scheduled sessions to come that `user` may see and still join (registration open), or already
    holds a place at; filtered, soonest first, with seat counts and the viewer's own state."""
    now = now or timezone.now()
    filters = filters or SessionFilters()
    queryset = Session.objects.filter(visibility_q(user), status=Session.Status.SCHEDULED, starts_at__gt=now)
    if filters.course:
        queryset = queryset.filter(course__slug=filters.course)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    if filters.format in FORMATS:
        queryset = queryset.filter(FORMATS[filters.format])
    if filters.month:
        bounds = _month_range(filters.month)
        if bounds:
            queryset = queryset.filter(starts_at__gte=bounds[0], starts_at__lt=bounds[1])
    queryset = _with_counts(queryset.select_related("course", "series"), user).order_by("starts_at", "id")
    return [
        session for session in queryset if now < session.registration_closes_at or getattr(session, "my_state", None)
    ]


def filter_choices(user, *, now=None):
    """Courses and months that have upcoming sessions the user may see (for the filter form)."""
    from courses.catalogue.models import Course

    now = now or timezone.now()
    visible = Session.objects.filter(visibility_q(user), status=Session.Status.SCHEDULED, starts_at__gt=now)
    courses = Course.objects.filter(pk__in=visible.values("course_id")).order_by("title")
    zone = timezone.get_current_timezone()
    months = sorted({start.astimezone(zone).strftime("%Y-%m") for start in visible.values_list("starts_at", flat=True)})
    return list(courses), months


def session_for_viewer(pk: int, user) -> Session:
    """The session with counts, if the viewer may see it; Session.DoesNotExist otherwise (a 404: a
    restricted session's existence is not revealed)."""
    return (
        _with_counts(Session.objects.filter(visibility_q(user), pk=pk), user)
        .select_related("course", "series")
        .prefetch_related("facilitators")
        .get()
    )


def my_registration(session: Session, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return session.registrations.filter(user=user).exclude(state=State.CANCELLED).first()


def accommodation_of(registration: Registration | None) -> Accommodation | None:
    """A registration's accommodation request, for the person themself (their page, their link)."""
    if registration is None or registration.pk is None:
        return None
    return Accommodation.objects.filter(registration=registration).first()


def accommodations_for_facilitator(session: Session, user) -> dict[int, Accommodation]:
    """The requests of the people still expected at `session` (booked, waitlisted, attended), by
    registration id — for one of the session's facilitators only; empty for anyone else."""
    if not permissions.can_see_accommodations(user, session):
        return {}
    requests = Accommodation.objects.filter(
        registration__session=session, registration__state__in=(*Registration.SEATED, State.WAITLISTED)
    )
    return {accommodation.registration_id: accommodation for accommodation in requests}


def waitlist_position(registration: Registration) -> int | None:
    if registration is None or registration.state != State.WAITLISTED:
        return None
    ahead = registration.session.registrations.filter(state=State.WAITLISTED).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def my_upcoming_registrations(user, *, now=None, limit=None):
    """The user's booked and waitlisted places at sessions to come, soonest first."""
    now = now or timezone.now()
    queryset = (
        Registration.objects.filter(user=user, state__in=Registration.ACTIVE, session__ends_at__gt=now)
        .select_related("session", "session__course")
        .order_by("session__starts_at", "session_id")
    )
    return list(queryset[:limit] if limit else queryset)


def active_calendar_token(token: str) -> CalendarToken | None:
    """The active token with this value, or None (unknown and revoked alike, and the token of a
    deactivated employee or account even before the revocation has run)."""
    if not token or len(token) > 64:
        return None
    tokens = CalendarToken.objects.select_related("user").filter(token=token, revoked_at=None, user__is_active=True)
    return tokens.exclude(user__employee__active=False).first()


def active_calendar_token_of(user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at=None).first()


def feed_for(user, *, now=None):
    """(registrations, facilitated sessions) for a personal feed: booked and waitlisted places and
    the sessions the user runs, from some weeks back to a year ahead. Two queries."""
    now = now or timezone.now()
    window = Q(starts_at__gte=now - FEED_PAST, starts_at__lte=now + FEED_AHEAD)
    registrations = list(
        Registration.objects.filter(
            user=user,
            state__in=(State.BOOKED, State.WAITLISTED, State.ATTENDED),
            session__starts_at__gte=now - FEED_PAST,
            session__starts_at__lte=now + FEED_AHEAD,
        )
        .select_related("session", "session__course")
        .order_by("session__starts_at")
    )
    facilitated = list(Session.objects.filter(window, facilitators=user).select_related("course").order_by("starts_at"))
    return registrations, facilitated


def roster(session: Session):
    """Everyone with a place at the session (not cancelled ones, not guests who have not confirmed their
    e-mail address), waitlist last in its order."""
    order = {State.BOOKED: 0, State.ATTENDED: 0, State.NO_SHOW: 0, State.WAITLISTED: 1, State.PENDING: 2}
    rows = list(
        session.registrations.exclude(state__in=(State.CANCELLED, State.PENDING))
        .select_related("user", "user__employee", "user__employee__department")
        .order_by("waitlisted_at", "created_at", "id")
    )
    return sorted(rows, key=lambda r: order.get(r.state, 3))


def checkin_is_open(session: Session, *, now=None) -> bool:
    """Whether people can check in to the session now: scheduled, from half an hour before it starts
    to half an hour after it ends (the window the check-in codes are accepted in)."""
    from .services.attendance import CHECKIN_EARLY, CHECKIN_LATE

    now = now or timezone.now()
    return (
        session.status == Session.Status.SCHEDULED
        and session.starts_at - CHECKIN_EARLY <= now <= session.ends_at + CHECKIN_LATE
    )


def sessions_between_for(user, *, start: datetime.datetime, end: datetime.datetime) -> list[Session]:
    """Scheduled sessions starting in [start, end) that `user` may see (the list's visibility rule),
    past ones included, soonest first, with the viewer's own state. One query."""
    queryset = Session.objects.filter(
        visibility_q(user), status=Session.Status.SCHEDULED, starts_at__gte=start, starts_at__lt=end
    )
    return list(_with_counts(queryset.select_related("course", "series"), user).order_by("starts_at", "id"))
