"""Self check-in (/checkin/): from the QR code shown in the room or the typed code."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms.security import ratelimit

from .. import facilitation, services
from ..exceptions import SchedulingError
from ..facilitate_forms import CheckinCodeForm
from ..models import Registration

State = Registration.State
# How long after scanning a QR code a person may still complete the check-in (logging in first).
SCAN_GRACE = datetime.timedelta(minutes=10)


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


def _guessing(request):
    """A 429 once this client has tried too many codes (six characters are few enough to guess)."""
    allowed, retry_after = ratelimit.hit(request, group="scheduling.checkin", rate=settings.CHECKIN_CODE_RATE)
    if allowed:
        return None
    return ratelimit.too_many(request, _("You have tried too many check-in codes."), retry_after)


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
    if refused := _guessing(request):
        return refused
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
    if request.method == "POST" and (refused := _guessing(request)):
        return refused
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
