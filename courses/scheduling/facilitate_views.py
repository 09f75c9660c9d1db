"""Facilitator pages (/facilitate/): series, sessions, roster, QR check-in; and self check-in
(/checkin/). Thin: parse, call courses.scheduling.services or courses.scheduling.facilitation, render."""

import datetime
import functools
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from courses.people.models import Employee

from . import facilitation, permissions, services
from .exceptions import SchedulingError
from .facilitate_forms import CancelForm, CheckinCodeForm, SeriesForm, SessionForm
from .models import Registration, Session, SessionSeries
from .recurrence import RecurrenceError

State = Registration.State
PAGE_SIZE = 12
PREVIEW_COUNT = 6
# How long after scanning a QR code a person may still complete the check-in (logging in first).
SCAN_GRACE = datetime.timedelta(minutes=10)


def facilitators_only(view):
    """Logged in, and a facilitator or training admin (403 otherwise)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not facilitation.can_facilitate(request.user):
            raise PermissionDenied(_("These pages are for facilitators and training admins."))
        return view(request, *args, **kwargs)

    return wrapper


def _managed_session(request, pk) -> Session:
    session = get_object_or_404(Session.objects.select_related("course", "series"), pk=pk)
    if not permissions.can_manage_session(request.user, session):
        raise PermissionDenied(_("Only this session's facilitators or a training admin can do this."))
    return session


def _managed_series(request, pk) -> SessionSeries:
    series = get_object_or_404(SessionSeries.objects.select_related("course"), pk=pk)
    if not permissions.can_manage_series(request.user, series):
        raise PermissionDenied(_("Only this series' facilitators or a training admin can change it."))
    return series


def _names(registrations, limit=20) -> str:
    names = sorted({r.person_name for r in registrations})
    text = ", ".join(names[:limit])
    if len(names) > limit:
        text += " " + _("and %(count)s more") % {"count": len(names) - limit}
    return text


def _tell_affected(request, registrations):
    if registrations:
        messages.info(
            request,
            ngettext(
                "%(count)s person registered was told: %(names)s.",
                "%(count)s people registered were told: %(names)s.",
                len({(r.user_id, r.guest_email) for r in registrations}),
            )
            % {"count": len({(r.user_id, r.guest_email) for r in registrations}), "names": _names(registrations)},
        )


def _add_errors(form, error):
    """Put a service's error on the form: field errors where the field is on the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            name = {"rrule": "advanced_rrule", "starts_at": "date", "ends_at": "end_time"}.get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


# ---------------------------------------------------------------------------------------------------
# Overview


@facilitators_only
def home(request):
    past = request.GET.get("when") == "past"
    sessions = facilitation.sessions_for(request.user, past=past).prefetch_related("facilitators")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    series_page = Paginator(facilitation.series_for(request.user), PAGE_SIZE).get_page(request.GET.get("series_page"))
    return render(
        request,
        "scheduling/facilitate/home.html",
        {
            "page": page,
            "series_page": series_page,
            "past": past,
            "all": facilitation.roles.is_training_admin(request.user),
        },
    )


# ---------------------------------------------------------------------------------------------------
# Series


@dataclass
class PreviewDate:
    occurrence: object
    clash: Session | None  # a session one of the chosen facilitators already runs at that time


def _preview(form, series=None) -> list[PreviewDate]:
    """The next dates of a valid series form, each with the session that a chosen facilitator
    already runs at that time, if any (an error on the form when the rule cannot be read)."""
    from django.db.models import Q

    data = form.cleaned_data
    try:
        dates = services.series_preview(
            start_date=data["start_date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            time_zone=data["time_zone"],
            rrule=data["rrule"],
            exdates=data["exdates"],
            count=PREVIEW_COUNT,
        )
    except RecurrenceError as error:
        form.add_error(None, str(error))
        return []
    conflicts = services.facilitator_conflicts(
        facilitators=data["facilitators"],
        intervals=[(o.starts_at, o.ends_at) for o in dates],
        exclude=Q(series=series) if series is not None else None,
    )
    return [
        PreviewDate(o, next((c for c in conflicts if c.starts_at < o.ends_at and c.ends_at > o.starts_at), None))
        for o in dates
    ]


def _check_self_included(request, form) -> bool:
    """A facilitator who is not a training admin must run what they create, or they could not manage
    it afterwards."""
    if facilitation.roles.is_training_admin(request.user):
        return True
    if request.user in form.cleaned_data["facilitators"]:
        return True
    form.add_error("facilitators", _("Include yourself: otherwise you could not manage it afterwards."))
    return False


def _series_form_page(request, form, *, series=None, preview=None, status=200):
    return render(
        request,
        "scheduling/facilitate/series_form.html",
        {"form": form, "series": series, "preview": preview},
        status=status,
    )


@facilitators_only
@require_http_methods(["GET", "POST"])
def series_create(request):
    if request.method == "GET":
        initial = {"facilitators": [request.user]} if facilitation.roles.is_facilitator(request.user) else {}
        return _series_form_page(request, SeriesForm(initial=initial))
    form = SeriesForm(request.POST)
    if not form.is_valid() or not _check_self_included(request, form):
        return _series_form_page(request, form, status=400)
    if "preview" in request.POST:
        dates = _preview(form)
        return _series_form_page(request, form, preview=dates)
    data = form.cleaned_data
    try:
        series = services.series_create(
            created_by=request.user,
            course=data["course"],
            facilitators=data["facilitators"],
            restricted_departments=data["restricted_departments"],
            **form.series_fields(),
        )
    except (SchedulingError, ValidationError) as error:
        _add_errors(form, error)
        return _series_form_page(request, form, status=400)
    count = series.sessions.count()
    messages.success(
        request,
        ngettext(
            "The series is saved; %(count)s meeting is scheduled.",
            "The series is saved; %(count)s meetings are scheduled.",
            count,
        )
        % {"count": count},
    )
    return redirect("scheduling:facilitate_series", pk=series.pk)


@facilitators_only
@require_http_methods(["GET", "POST"])
def series_edit(request, pk):
    series = _managed_series(request, pk)
    if request.method == "GET":
        return _series_form_page(request, SeriesForm(initial=SeriesForm.initial_for(series)), series=series)
    form = SeriesForm(request.POST)
    if not form.is_valid():
        return _series_form_page(request, form, series=series, status=400)
    if "preview" in request.POST:
        dates = _preview(form, series)
        return _series_form_page(request, form, series=series, preview=dates)
    data = form.cleaned_data
    if data["course"] != series.course:
        form.add_error("course", _("The course of a series cannot change. Create a new series instead."))
        return _series_form_page(request, form, series=series, status=400)
    try:
        change = services.series_update(
            series=series,
            actor=request.user,
            facilitators=data["facilitators"],
            restricted_departments=data["restricted_departments"],
            **form.series_fields(),
        )
    except (SchedulingError, ValidationError) as error:
        _add_errors(form, error)
        return _series_form_page(request, form, series=series, status=400)
    messages.success(
        request,
        _("The series is saved: %(updated)s meetings changed, %(created)s added, %(cancelled)s cancelled.")
        % {"updated": len(change.updated), "created": len(change.created), "cancelled": len(change.cancelled)},
    )
    _tell_affected(request, change.affected)
    return redirect("scheduling:facilitate_series", pk=series.pk)


@facilitators_only
@require_POST
def series_preview_json(request):
    """The next dates for the form as it stands (the form's small script calls this)."""
    series = None
    if request.GET.get("series", "").isdigit():
        series = _managed_series(request, int(request.GET["series"]))
    form = SeriesForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for e in form.non_field_errors()]
        errors += [
            f"{form.fields[name].label}: {e}" for name, list_ in form.errors.items() if name != "__all__" for e in list_
        ]
        return JsonResponse({"ok": False, "errors": errors})
    dates = _preview(form, series)
    if form.errors:
        return JsonResponse({"ok": False, "errors": [str(e) for e in form.non_field_errors()]})
    html = render_to_string(
        "scheduling/facilitate/_preview.html",
        {"preview": dates, "time_zone": form.cleaned_data["time_zone"]},
        request=request,
    )
    return JsonResponse({"ok": True, "html": html})


@facilitators_only
def series_detail(request, pk):
    series = _managed_series(request, pk)
    past = request.GET.get("when") == "past"
    sessions = facilitation.sessions_for(request.user, past=past, series=series)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "scheduling/facilitate/series_detail.html",
        {
            "series": series,
            "page": page,
            "past": past,
            "facilitators": list(series.facilitators.all()),
            "departments": list(series.restricted_departments.all()),
        },
    )


# ---------------------------------------------------------------------------------------------------
# Sessions


def _session_form_page(request, form, *, session=None, status=200):
    return render(request, "scheduling/facilitate/session_form.html", {"form": form, "session": session}, status=status)


@facilitators_only
@require_http_methods(["GET", "POST"])
def session_create(request):
    if request.method == "GET":
        initial = {"facilitators": [request.user]} if facilitation.roles.is_facilitator(request.user) else {}
        return _session_form_page(request, SessionForm(initial=initial))
    form = SessionForm(request.POST)
    if not form.is_valid() or not _check_self_included(request, form):
        return _session_form_page(request, form, status=400)
    data = form.cleaned_data
    try:
        session = services.session_create(
            created_by=request.user,
            course=data["course"],
            facilitators=data["facilitators"],
            restricted_departments=data["restricted_departments"],
            **form.session_fields(),
        )
    except (SchedulingError, ValidationError) as error:
        _add_errors(form, error)
        return _session_form_page(request, form, status=400)
    messages.success(request, _("The session is scheduled."))
    return redirect("scheduling:facilitate_session", pk=session.pk)


@facilitators_only
def session_manage(request, pk):
    session = _managed_session(request, pk)
    return redirect("scheduling:roster", pk=session.pk)


@facilitators_only
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = _managed_session(request, pk)
    if session.is_cancelled:
        messages.error(request, _("This session was cancelled and can no longer be changed."))
        return redirect("scheduling:roster", pk=session.pk)
    occurrence = session.series_id is not None
    if request.method == "GET":
        return _session_form_page(
            request, SessionForm(initial=SessionForm.initial_for(session), occurrence=occurrence), session=session
        )
    form = SessionForm(request.POST, occurrence=occurrence)
    if not form.is_valid():
        return _session_form_page(request, form, session=session, status=400)
    data = form.cleaned_data
    extra = {}
    if not occurrence:
        if data["course"] != session.course:
            form.add_error("course", _("The course of a session cannot change. Cancel it and create a new one."))
            return _session_form_page(request, form, session=session, status=400)
        extra["restricted_departments"] = data["restricted_departments"]
    try:
        session, told = services.session_update(
            session=session, actor=request.user, facilitators=data["facilitators"], **extra, **form.session_fields()
        )
    except (SchedulingError, ValidationError) as error:
        _add_errors(form, error)
        return _session_form_page(request, form, session=session, status=400)
    messages.success(request, _("The session is saved."))
    _tell_affected(request, told)
    return redirect("scheduling:roster", pk=session.pk)


@facilitators_only
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk):
    session = _managed_session(request, pk)
    told = session.registrations.filter(state__in=Registration.ACTIVE).select_related("user")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.session_cancel(session=session, actor=request.user, reason=form.cleaned_data["reason"])
        except SchedulingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The session is cancelled."))
            _tell_affected(request, told)
            return redirect("scheduling:roster", pk=session.pk)
    return render(
        request,
        "scheduling/facilitate/session_cancel.html",
        {"session": session, "form": form, "told": list(told)},
        status=400 if form.errors else 200,
    )


@facilitators_only
@require_http_methods(["GET", "POST"])
def occurrence_skip(request, pk):
    session = _managed_session(request, pk)
    if session.series_id is None:
        raise Http404(_("This session is not part of a series."))
    if request.method == "POST":
        try:
            told = facilitation.occurrence_skip(session=session, actor=request.user)
        except SchedulingError as error:
            messages.error(request, str(error))
            return redirect("scheduling:facilitate_series", pk=session.series_id)
        messages.success(
            request,
            _("The meeting of %(date)s is skipped.") % {"date": session.local_starts_at.date().isoformat()},
        )
        _tell_affected(request, told)
        return redirect("scheduling:facilitate_series", pk=session.series_id)
    told = list(session.registrations.filter(state__in=Registration.ACTIVE).select_related("user"))
    return render(request, "scheduling/facilitate/occurrence_skip.html", {"session": session, "told": told})


# ---------------------------------------------------------------------------------------------------
# Roster


@facilitators_only
@require_http_methods(["GET", "POST"])
def roster(request, pk):
    session = _managed_session(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        chosen = request.POST.getlist("registration")
        if action not in ("attended", "no_show"):
            messages.error(request, _("Choose what to mark: attended or did not attend."))
        elif not chosen:
            messages.error(request, _("Tick at least one person first."))
        else:
            try:
                ids = [int(value) for value in chosen]
                changed = services.attendance_mark(
                    session=session,
                    actor=request.user,
                    attended=ids if action == "attended" else (),
                    no_show=ids if action == "no_show" else (),
                )
            except ValueError:
                messages.error(request, _("Some of these people are not registered for this session."))
            except SchedulingError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    ngettext("%(count)s person marked.", "%(count)s people marked.", changed) % {"count": changed},
                )
        return redirect("scheduling:roster", pk=session.pk)
    query = request.GET.get("q", "").strip()[:100]
    rows = facilitation.full_roster(session)
    counts = {state: sum(1 for r in rows if r.state == state) for state in State.values}
    # A reading circle (or any series with N of M meetings to attend): each person's progress.
    required = None
    if session.series_id and (session.series.required_attendances or session.course.format == "reading_circle"):
        required = facilitation.required_attendances(session.series)
        attended = facilitation.series_attendance(session.series, [r.user_id for r in rows if r.user_id])
        for row in rows:
            row.series_attended = attended.get(row.user_id, 0)
    return render(
        request,
        "scheduling/facilitate/roster.html",
        {
            "session": session,
            "rows": rows,
            "counts": counts,
            "seats_left": max(session.capacity - sum(1 for r in rows if r.state in Registration.SEATED), 0),
            "query": query,
            "candidates": facilitation.walk_in_candidates(query) if query else None,
            "facilitators": list(session.facilitators.all()),
            "required": required,
        },
    )


@facilitators_only
@require_POST
def walk_in(request, pk):
    session = _managed_session(request, pk)
    employee = Employee.objects.select_related("user").filter(pk=request.POST.get("employee") or 0).first()
    if employee is None:
        messages.error(request, _("Choose a person from the search results."))
        return redirect("scheduling:roster", pk=session.pk)
    try:
        services.walk_in_add(session=session, actor=request.user, user=employee.user)
    except SchedulingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is marked attended.") % {"name": employee.full_name})
    return redirect("scheduling:roster", pk=session.pk)


# ---------------------------------------------------------------------------------------------------
# QR check-in


@facilitators_only
@never_cache
def checkin_screen(request, pk):
    session = _managed_session(request, pk)
    return render(
        request,
        "scheduling/facilitate/checkin_screen.html",
        {
            "session": session,
            "state": facilitation.checkin_state(session),
            "json_url": reverse("scheduling:checkin_json", args=[session.pk]),
            "attended": session.registrations.filter(state=State.ATTENDED).count(),
            "opens_at": session.starts_at - services.CHECKIN_EARLY,
            "not_yet": timezone.now() < session.starts_at - services.CHECKIN_EARLY,
            "over": timezone.now() > session.ends_at + services.CHECKIN_LATE,
        },
    )


@facilitators_only
@never_cache
def checkin_json(request, pk):
    session = _managed_session(request, pk)
    state = facilitation.checkin_state(session)
    attended = session.registrations.filter(state=State.ATTENDED).count()
    state["attended"] = attended
    state["attended_text"] = ngettext("%(count)s person checked in.", "%(count)s people checked in.", attended) % {
        "count": attended
    }
    return JsonResponse(state)


def _scan_time(request, code):
    """When this code was scanned (kept in the browser session through logging in), if recently."""
    scan = request.session.get("checkin_scan") or {}
    if scan.get("code") != code:
        return None
    try:
        at = datetime.datetime.fromisoformat(scan["at"])
    except (KeyError, TypeError, ValueError):
        return None
    return at if timezone.now() - at <= SCAN_GRACE else None


def _checkin(request, code, at=None):
    try:
        registration = services.session_checkin(user=request.user, code=code, now=at)
    except SchedulingError as error:
        return None, str(error)
    request.session.pop("checkin_scan", None)
    return registration, None


@require_http_methods(["GET", "POST"])
@never_cache
def checkin_code(request, code):
    """The address in the QR code. The moment of the scan is remembered, so logging in first
    still works with a code that has since rotated. A button confirms (links get prefetched)."""
    code = services.normalise_checkin_code(code)
    if _scan_time(request, code) is None:
        request.session["checkin_scan"] = {"code": code, "at": timezone.now().isoformat()}
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    at = _scan_time(request, code)
    if request.method == "POST":
        registration, error = _checkin(request, code, at)
        if registration is not None:
            return redirect("scheduling:checkin_done", pk=registration.session_id)
        return render(request, "scheduling/checkin.html", {"form": CheckinCodeForm(), "error": error}, status=400)
    try:
        session = facilitation.session_for_checkin_code(code, now=at)
    except SchedulingError as error:
        return render(request, "scheduling/checkin.html", {"form": CheckinCodeForm(), "error": str(error)}, status=400)
    return render(request, "scheduling/checkin_confirm.html", {"session": session, "code": code})


@login_required
@require_http_methods(["GET", "POST"])
def checkin_form(request):
    form = CheckinCodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        registration, error = _checkin(request, form.cleaned_data["code"])
        if registration is not None:
            return redirect("scheduling:checkin_done", pk=registration.session_id)
        form.add_error("code", error)  # shown at the field and in the summary, linked to each other
        error = None
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/checkin.html", {"form": form, "error": error}, status=status)


@login_required
def checkin_done(request, pk):
    registration = (
        Registration.objects.select_related("session", "session__course")
        .filter(session_id=pk, user=request.user, state=State.ATTENDED)
        .first()
    )
    if registration is None:
        raise Http404(_("You are not checked in to this session."))
    return render(
        request, "scheduling/checkin_done.html", {"registration": registration, "session": registration.session}
    )


# ---------------------------------------------------------------------------------------------------
# Signing up for every meeting of a series (reading circles)


def _back(request, series):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("scheduling:list")


@login_required
@require_POST
def series_register(request, pk):
    series = get_object_or_404(SessionSeries, pk=pk, active=True)
    result = facilitation.series_register(series=series, user=request.user)
    if result.booked:
        messages.success(
            request,
            ngettext(
                "You are booked for %(count)s meeting. Confirmations with calendar invitations are on their way.",
                "You are booked for %(count)s meetings. Confirmations with calendar invitations are on their way.",
                len(result.booked),
            )
            % {"count": len(result.booked)},
        )
    if result.waitlisted:
        messages.info(
            request,
            ngettext(
                "%(count)s meeting is full: you are on its waitlist.",
                "%(count)s meetings are full: you are on their waitlists.",
                len(result.waitlisted),
            )
            % {"count": len(result.waitlisted)},
        )
    if result.refused and not (result.booked or result.waitlisted):
        messages.error(request, result.refused[0][1])
    elif not (result.booked or result.waitlisted or result.already):
        messages.info(request, _("There are no meetings to come to sign up for."))
    elif result.already and not (result.booked or result.waitlisted):
        messages.info(request, _("You are already signed up for every meeting to come."))
    return _back(request, series)


@login_required
@require_POST
def series_leave(request, pk):
    series = get_object_or_404(SessionSeries, pk=pk)
    try:
        cancelled = facilitation.series_leave(series=series, user=request.user)
    except SchedulingError as error:
        messages.error(request, str(error))
    else:
        if cancelled:
            messages.success(
                request,
                ngettext(
                    "Your place at %(count)s meeting is cancelled.",
                    "Your places at %(count)s meetings are cancelled.",
                    len(cancelled),
                )
                % {"count": len(cancelled)},
            )
        else:
            messages.info(request, _("You had no place at a meeting to come."))
    return _back(request, series)
