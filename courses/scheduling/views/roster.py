"""The roster (attendance in bulk, walk-ins) and the rotating QR check-in screen."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from courses.people.models import Employee
from courses.people.roles import facilitator_required

from .. import facilitation, permissions, selectors, services
from ..exceptions import SchedulingError
from ..models import Registration
from .facilitate_common import managed_session

State = Registration.State


# ---------------------------------------------------------------------------------------------------
# Roster


@facilitator_required
@require_http_methods(["GET", "POST"])
def roster(request, pk):
    session = managed_session(request, pk)
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
    # Only the session's own facilitators see what people asked for (not training admins).
    accommodations = selectors.accommodations_for_facilitator(session, request.user)
    for row in rows:
        row.accommodation_request = accommodations.get(row.pk)
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
            "pending_guests": facilitation.pending_guests_count(session),
            "show_accommodations": permissions.can_see_accommodations(request.user, session),
            "accommodation_count": len(accommodations),
            "accommodation_keep_days": services.keep_days(),
        },
    )


@facilitator_required
@require_POST
def walk_in(request, pk):
    session = managed_session(request, pk)
    employee_id = request.POST.get("employee", "")
    employee = None
    if employee_id.isascii() and employee_id.isdigit() and len(employee_id) < 19:
        # Deactivated people cannot be added: they left, or are on leave.
        employee = Employee.objects.select_related("user").filter(pk=int(employee_id), active=True).first()
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


@facilitator_required
@never_cache
def checkin_screen(request, pk):
    session = managed_session(request, pk)
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


@facilitator_required
@never_cache
def checkin_json(request, pk):
    session = managed_session(request, pk)
    state = facilitation.checkin_state(session)
    attended = session.registrations.filter(state=State.ATTENDED).count()
    state["attended"] = attended
    state["attended_text"] = ngettext("%(count)s person checked in.", "%(count)s people checked in.", attended) % {
        "count": attended
    }
    return JsonResponse(state)
