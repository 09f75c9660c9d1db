"""Signing up for every meeting of a series (reading circles), and leaving it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import facilitation, permissions
from ..exceptions import SchedulingError
from ..models import SessionSeries

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
    if permissions.hidden_from(request.user, series):
        raise Http404(_("No such series."))
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
    if permissions.hidden_from(request.user, series):
        raise Http404(_("No such series."))
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
