"""Facilitator pages (/facilitate/): overview, series (with the preview of the next dates) and sessions."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from courses.people.roles import facilitator_required
from lms.dates import long_date

from .. import facilitation, permissions, services
from ..exceptions import SchedulingError
from ..facilitate_forms import CancelForm, SeriesForm, SessionForm
from ..models import Registration, Session
from ..recurrence import RecurrenceError
from .facilitate_common import add_errors, managed_series, managed_session, tell_affected

PAGE_SIZE = 12
PREVIEW_COUNT = 6


# ---------------------------------------------------------------------------------------------------
# Overview


@facilitator_required
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
    clash_visible: bool = False  # may the viewer know which one (its title)?


def _preview(form, series=None, viewer=None) -> list[PreviewDate]:
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
    previews = []
    for o in dates:
        clash = next((c for c in conflicts if c.starts_at < o.ends_at and c.ends_at > o.starts_at), None)
        visible = clash is not None and viewer is not None and permissions.can_see_session(viewer, clash)
        previews.append(PreviewDate(o, clash, visible))
    return previews


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


@facilitator_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    if request.method == "GET":
        initial = {"facilitators": [request.user]} if facilitation.roles.is_facilitator(request.user) else {}
        return _series_form_page(request, SeriesForm(initial=initial))
    form = SeriesForm(request.POST)
    if not form.is_valid() or not _check_self_included(request, form):
        return _series_form_page(request, form, status=400)
    if "preview" in request.POST:
        dates = _preview(form, viewer=request.user)
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
        add_errors(form, error)
        # Keep the next dates beside the error: they show which meetings clash.
        return _series_form_page(request, form, preview=_preview(form), status=400)
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


@facilitator_required
@require_http_methods(["GET", "POST"])
def series_edit(request, pk):
    series = managed_series(request, pk)
    if request.method == "GET":
        return _series_form_page(request, SeriesForm(initial=SeriesForm.initial_for(series)), series=series)
    form = SeriesForm(request.POST)
    if not form.is_valid():
        return _series_form_page(request, form, series=series, status=400)
    if "preview" in request.POST:
        dates = _preview(form, series, viewer=request.user)
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
        add_errors(form, error)
        return _series_form_page(request, form, series=series, preview=_preview(form, series), status=400)
    messages.success(
        request,
        _("The series is saved: %(updated)s meetings changed, %(created)s added, %(cancelled)s cancelled.")
        % {"updated": len(change.updated), "created": len(change.created), "cancelled": len(change.cancelled)},
    )
    tell_affected(request, change.affected)
    return redirect("scheduling:facilitate_series", pk=series.pk)


@facilitator_required
@require_POST
def series_preview_json(request):
    """The next dates for the form as it stands (the form's small script calls this)."""
    series = None
    if request.GET.get("series", "").isdigit():
        series = managed_series(request, int(request.GET["series"]))
    form = SeriesForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for e in form.non_field_errors()]
        errors += [
            f"{form.fields[name].label}: {e}" for name, list_ in form.errors.items() if name != "__all__" for e in list_
        ]
        return JsonResponse({"ok": False, "errors": errors})
    dates = _preview(form, series, viewer=request.user)
    if form.errors:
        return JsonResponse({"ok": False, "errors": [str(e) for e in form.non_field_errors()]})
    html = render_to_string(
        "scheduling/facilitate/_preview.html",
        {"preview": dates, "time_zone": form.cleaned_data["time_zone"]},
        request=request,
    )
    return JsonResponse({"ok": True, "html": html})


@facilitator_required
def series_detail(request, pk):
    series = managed_series(request, pk)
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
            "rule_in_words": facilitation.describe_rrule(series.rrule, series.time_zone),
            "first_meeting": facilitation.first_meeting(series),
        },
    )


# ---------------------------------------------------------------------------------------------------
# Sessions


def _session_form_page(request, form, *, session=None, status=200):
    return render(request, "scheduling/facilitate/session_form.html", {"form": form, "session": session}, status=status)


@facilitator_required
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
        add_errors(form, error)
        return _session_form_page(request, form, status=400)
    messages.success(request, _("The session is scheduled."))
    return redirect("scheduling:facilitate_session", pk=session.pk)


@facilitator_required
def session_manage(request, pk):
    session = managed_session(request, pk)
    return redirect("scheduling:roster", pk=session.pk)


@facilitator_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = managed_session(request, pk)
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
        add_errors(form, error)
        return _session_form_page(request, form, session=session, status=400)
    messages.success(request, _("The session is saved."))
    tell_affected(request, told)
    return redirect("scheduling:roster", pk=session.pk)


@facilitator_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk):
    session = managed_session(request, pk)
    told = session.registrations.filter(state__in=Registration.ACTIVE).select_related("user")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.session_cancel(session=session, actor=request.user, reason=form.cleaned_data["reason"])
        except SchedulingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The session is cancelled."))
            tell_affected(request, told)
            return redirect("scheduling:roster", pk=session.pk)
    return render(
        request,
        "scheduling/facilitate/session_cancel.html",
        {"session": session, "form": form, "told": list(told)},
        status=400 if form.errors else 200,
    )


@facilitator_required
@require_http_methods(["GET", "POST"])
def occurrence_skip(request, pk):
    session = managed_session(request, pk)
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
            _("The meeting of %(date)s is skipped.") % {"date": long_date(session.local_starts_at.date())},
        )
        tell_affected(request, told)
        return redirect("scheduling:facilitate_series", pk=session.series_id)
    told = list(session.registrations.filter(state__in=Registration.ACTIVE).select_related("user"))
    return render(request, "scheduling/facilitate/occurrence_skip.html", {"session": session, "told": told})
