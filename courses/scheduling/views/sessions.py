"""Pages of scheduling for employees and guests. Thin: parse, call a service or selector, render."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lms.forms import DatabaseBounds
from lms.security import ratelimit

from .. import calendar, permissions, selectors, services
from ..exceptions import SchedulingError
from ..models import Registration, Session, SessionSeries
from .accommodations import AccommodationForm, apply_errors

State = Registration.State
PAGE_SIZE = 20


class FilterForm(DatabaseBounds, forms.Form):
    course = forms.ChoiceField(label=gettext_lazy("Course"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[
            ("", gettext_lazy("Any format")),
            ("in_person", gettext_lazy("In person")),
            ("online", gettext_lazy("Online")),
            ("hybrid", gettext_lazy("In person and online")),
        ],
    )
    month = forms.ChoiceField(label=gettext_lazy("Month"), required=False)

    def __init__(self, *args, courses=(), months=(), **kwargs):
        from django.conf import settings
        from django.utils.formats import date_format

        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", _("Any course"))] + [(c.slug, c.title) for c in courses]
        self.fields["language"].choices = [("", _("Any language"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]
        import datetime

        self.fields["month"].choices = [("", _("Any month"))] + [
            (month, date_format(datetime.date.fromisoformat(month + "-01"), "YEAR_MONTH_FORMAT")) for month in months
        ]


class GuestForm(DatabaseBounds, forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"))


def session_list(request):
    courses, months = selectors.filter_choices(request.user)
    form = FilterForm(request.GET or None, courses=courses, months=months)
    filters = selectors.SessionFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.SessionFilters(**form.cleaned_data)
    sessions = selectors.sessions_upcoming_for(request.user, filters)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scheduling/session_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(vars(filters).values()),
            "query": query.urlencode(),
        },
    )


def _session_or_404(request, pk) -> Session:
    try:
        return selectors.session_for_viewer(pk, request.user)
    except Session.DoesNotExist:
        raise Http404(_("No such session."))


def _anonymous_to_login(view):
    """Visitors who are not logged in are sent to log in for any session they may not see (whether
    or not it exists: nothing is revealed); public sessions are shown to them."""

    def wrapper(request, pk, *args, **kwargs):
        if not request.user.is_authenticated:
            try:
                selectors.session_for_viewer(pk, request.user)
            except Session.DoesNotExist:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
        return view(request, pk, *args, **kwargs)

    return wrapper


@_anonymous_to_login
def session_detail(request, pk):
    return render_detail(request, _session_or_404(request, pk))


def render_detail(request, session, *, accommodation_form=None, guest_form=None, status=200):
    """The session's page. `accommodation_form` and `guest_form` carry a failed submission's errors."""
    registration = selectors.my_registration(session, request.user)
    if accommodation_form is None:
        accommodation_form = AccommodationForm.for_registration(registration)
    if guest_form is None and session.is_public and not request.user.is_authenticated:
        guest_form = GuestForm()
    return render(
        request,
        "scheduling/session_detail.html",
        {
            "session": session,
            "registration": registration,
            "accommodation": selectors.accommodation_of(registration),
            "accommodation_form": accommodation_form,
            "accommodation_keep_days": services.keep_days(),
            "waitlist_position": selectors.waitlist_position(registration),
            "seats_left": max(session.capacity - session.seats_taken, 0),
            "can_register": permissions.can_register(request.user, session),
            "can_manage": permissions.can_manage_session(request.user, session),
            "open": not session.is_cancelled and _is_open(session),
            "checkin_open": registration is not None
            and registration.state == State.BOOKED
            and selectors.checkin_is_open(session),
            "guest_form": guest_form,
        },
        status=status,
    )


def _is_open(session):
    from django.utils import timezone

    return timezone.now() < session.registration_closes_at


@login_required
@require_POST
def session_register(request, pk):
    session = _session_or_404(request, pk)
    accommodation_form = AccommodationForm(request.POST)
    if not accommodation_form.is_valid():
        return render_detail(request, session, accommodation_form=accommodation_form, status=400)
    try:
        registration = services.registration_create(
            session=session, user=request.user, accommodation=accommodation_form.request()
        )
    except ValidationError as error:
        apply_errors(accommodation_form, error)
        return render_detail(request, session, accommodation_form=accommodation_form, status=400)
    except SchedulingError as error:
        messages.error(request, str(error))
    else:
        if registration.state == State.BOOKED:
            messages.success(request, _("You are booked. A confirmation with a calendar invitation is on its way."))
        else:
            messages.info(
                request, _("The session is full: you are on the waitlist. We will e-mail you if a seat opens.")
            )
    return redirect(session)


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel_registration(request, pk):
    session = _session_or_404(request, pk)
    registration = selectors.my_registration(session, request.user)
    if registration is None or registration.state not in Registration.ACTIVE:
        messages.info(request, _("You have no place at this session to cancel."))
        return redirect(session)
    if request.method == "POST":
        try:
            registration = services.registration_cancel(registration=registration, actor=request.user)
        except SchedulingError as error:
            messages.error(request, str(error))
        else:
            if registration.late_cancel:
                messages.warning(
                    request,
                    _(
                        "Your registration is cancelled. Registration had closed, "
                        "so it is recorded as a late cancellation."
                    ),
                )
            else:
                messages.success(request, _("Your registration is cancelled."))
        return redirect(session)
    return render(
        request,
        "scheduling/cancel_confirm.html",
        {"session": session, "registration": registration, "late": not _is_open(session)},
    )


@require_POST
def guest_register(request, pk):
    session = _session_or_404(request, pk)
    # Anyone can make the city send e-mail from here: a budget per client and one per session.
    for group, key, rate in (
        ("scheduling.guest", "ip", settings.GUEST_SIGNUP_RATE),
        ("scheduling.guest.session", lambda group, request: str(session.pk), settings.GUEST_SIGNUP_SESSION_RATE),
    ):
        allowed, retry_after = ratelimit.hit(request, group=group, key=key, rate=rate)
        if not allowed:
            return ratelimit.too_many(request, _("Too many sign-ups were sent from here for now."), retry_after)
    form = GuestForm(request.POST)
    accommodation_form = AccommodationForm(request.POST)
    if form.is_valid() and accommodation_form.is_valid():
        try:
            services.guest_registration_create(
                session=session,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                accommodation=accommodation_form.request(),
            )
        except ValidationError as error:
            apply_errors(accommodation_form, error)
        except SchedulingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Thank you. We have sent a message to %(email)s: open it to finish.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(session)
    failed = bool(form.errors or accommodation_form.errors)
    return render_detail(
        request, session, accommodation_form=accommodation_form, guest_form=form, status=400 if failed else 200
    )


@require_http_methods(["GET", "POST"])
def guest_confirm(request, token):
    """The link in a guest's e-mail. Opening it shows a button (mail scanners open links too);
    pressing it confirms. Later the same page lets the guest cancel."""
    try:
        registration = services.guest_registration_by_token(token)
    except SchedulingError as error:
        return render(request, "scheduling/guest_invalid.html", {"message": str(error)}, status=404)
    accommodation_form = AccommodationForm.for_registration(registration)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.guest_registration_cancel(token=token)
                messages.success(request, _("Your registration is cancelled."))
            elif action == "accommodation":
                accommodation_form = AccommodationForm(request.POST)
                if not accommodation_form.is_valid():
                    raise ValidationError(accommodation_form.errors.as_data())
                saved = services.accommodation_update(
                    registration=registration, actor=None, request=accommodation_form.request()
                )
                messages.success(
                    request,
                    _("Your accommodation request is saved.") if saved else _("You have no accommodation request now."),
                )
            else:
                registration = services.guest_registration_confirm(token=token)
                if registration.state == State.BOOKED:
                    messages.success(request, _("Your place is confirmed. A calendar invitation is on its way."))
                elif registration.state == State.WAITLISTED:
                    messages.info(
                        request, _("The session is full: you are on the waitlist. We will e-mail you if a seat opens.")
                    )
        except ValidationError as error:
            if not accommodation_form.errors:
                apply_errors(accommodation_form, error)
            return _guest_page(request, registration, accommodation_form, status=400)
        except SchedulingError as error:
            messages.error(request, str(error))
        return redirect("scheduling:guest_confirm", token=token)
    return _guest_page(request, registration, accommodation_form)


def _guest_page(request, registration, accommodation_form, status=200):
    return render(
        request,
        "scheduling/guest_confirm.html",
        {
            "registration": registration,
            "session": registration.session,
            "accommodation": selectors.accommodation_of(registration),
            "accommodation_form": accommodation_form,
            "accommodation_keep_days": services.keep_days(),
            "can_change_accommodation": registration.state in (State.PENDING, *Registration.ACTIVE)
            and not registration.session.is_over,
        },
        status=status,
    )


@_anonymous_to_login
def session_ics(request, pk):
    session = _session_or_404(request, pk)
    response = HttpResponse(calendar.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


def series_ics(request, pk):
    series = get_object_or_404(SessionSeries.objects.select_related("course"), pk=pk)
    if not permissions.can_see_session(request.user, series):
        raise Http404(_("No such series."))
    overrides = series.sessions.filter(Q(detached=True) | Q(status=Session.Status.CANCELLED))
    response = HttpResponse(calendar.series_ics(series, overrides), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="series-{series.pk}.ics"'
    return response


def calendar_feed(request, token):
    """A personal feed. Unknown and revoked tokens get the same bare 404."""
    holder = selectors.active_calendar_token(token)
    if holder is None:
        return HttpResponse(status=404, content_type="text/plain")
    registrations, facilitated = selectors.feed_for(holder.user)
    name = _("Common Ground sessions")
    response = HttpResponse(
        calendar.feed_ics(registrations, facilitated, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_regenerate(request):
    had_one = selectors.active_calendar_token_of(request.user) is not None
    if request.method == "POST":
        services.calendar_token_regenerate(user=request.user)
        if had_one:
            messages.success(
                request,
                _("Your calendar feed has a new address. Subscribe to it again; the old address no longer works."),
            )
        else:
            messages.success(request, _("Your calendar feed is ready. Subscribe to it from your calendar app."))
        return redirect("learn:dashboard")
    return render(request, "scheduling/calendar_regenerate.html", {"had_one": had_one})


@login_required
@require_http_methods(["GET", "POST"])
def calendar_revoke(request):
    """Turn the personal feed off: its address stops working; a new feed can be created later."""
    if selectors.active_calendar_token_of(request.user) is None:
        messages.info(request, _("You have no calendar feed to turn off."))
        return redirect("learn:dashboard")
    if request.method == "POST":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, _("Your calendar feed is turned off. Its address no longer works."))
        return redirect("learn:dashboard")
    return render(request, "scheduling/calendar_revoke.html")


# /learn/ panels -----------------------------------------------------------------------------------


def sessions_panel(request):
    if not request.user.is_authenticated:
        return None
    registrations = selectors.my_upcoming_registrations(request.user, limit=6)
    return {"registrations": registrations}


def calendar_panel(request):
    if not request.user.is_authenticated:
        return None
    from django.conf import settings
    from django.urls import reverse

    token = selectors.active_calendar_token_of(request.user)
    if token is None:
        return {"feed_url": None}
    url = settings.SITE_URL + reverse("scheduling:feed", args=[token.token])
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[-1]}
