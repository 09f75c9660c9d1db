"""What the facilitator pages share: the guard, fetching what the facilitator manages, telling who was told."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import permissions
from ..models import Session, SessionSeries


def managed_session(request, pk) -> Session:
    session = get_object_or_404(Session.objects.select_related("course", "series"), pk=pk)
    if permissions.hidden_from(request.user, session):
        raise Http404(_("No such session."))  # as for one that does not exist: nothing is revealed
    if not permissions.can_manage_session(request.user, session):
        raise PermissionDenied(_("Only this session's facilitators or a training admin can do this."))
    return session


def managed_series(request, pk) -> SessionSeries:
    series = get_object_or_404(SessionSeries.objects.select_related("course"), pk=pk)
    if permissions.hidden_from(request.user, series):
        raise Http404(_("No such series."))
    if not permissions.can_manage_series(request.user, series):
        raise PermissionDenied(_("Only this series' facilitators or a training admin can change it."))
    return series


def names_of(registrations, limit=20) -> str:
    names = sorted({r.person_name for r in registrations})
    text = ", ".join(names[:limit])
    if len(names) > limit:
        text += " " + _("and %(count)s more") % {"count": len(names) - limit}
    return text


def tell_affected(request, registrations):
    if registrations:
        messages.info(
            request,
            ngettext(
                "%(count)s person registered was told: %(names)s.",
                "%(count)s people registered were told: %(names)s.",
                len({(r.user_id, r.guest_email) for r in registrations}),
            )
            % {"count": len({(r.user_id, r.guest_email) for r in registrations}), "names": names_of(registrations)},
        )


def add_errors(form, error):
    """Put a service's error on the form: field errors where the field is on the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            name = {"rrule": "advanced_rrule", "starts_at": "date", "ends_at": "end_time"}.get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))
