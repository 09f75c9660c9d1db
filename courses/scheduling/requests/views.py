"""Pages of training requests (/requests/): department heads and training admins only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.people import roles
from courses.scheduling.exceptions import SchedulingError

from . import selectors, services
from .exceptions import RequestError
from .forms import ApproveForm, DeclineForm, RequestForm
from .models import TrainingRequest

PAGE_SIZE = 20


def _get(request, pk) -> TrainingRequest:
    try:
        return selectors.request_for_viewer(pk, request.user)
    except TrainingRequest.DoesNotExist:
        raise Http404(_("No such request."))


@roles.request_viewer_required
def request_list(request):
    status = request.GET.get("status", "")
    if status not in TrainingRequest.Status.values:
        status = ""
    page = Paginator(selectors.requests_for(request.user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "scheduling/requests/list.html",
        {
            "page": page,
            "status": status,
            "statuses": TrainingRequest.Status.choices,
            "is_admin": roles.is_training_admin(request.user),
            "can_ask": roles.is_department_head(request.user),
        },
    )


@roles.request_viewer_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_create(requester=request.user, **data)
        except (RequestError, ValidationError) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Your request is sent. The equity office will reply by e-mail."))
            return redirect("training_requests:detail", pk=created.pk)
    return render(request, "scheduling/requests/form.html", {"form": form}, status=400 if form.errors else 200)


@roles.request_viewer_required
def request_detail(request, pk):
    training_request = _get(request, pk)
    is_admin = roles.is_training_admin(request.user)
    submitted = training_request.status == TrainingRequest.Status.SUBMITTED
    return render(
        request,
        "scheduling/requests/detail.html",
        {
            "item": training_request,
            "events": list(training_request.events.all()),
            "can_decide": is_admin and submitted,
            "can_withdraw": submitted and training_request.requested_by_id == request.user.pk,
            "decline_form": DeclineForm() if is_admin and submitted else None,
        },
    )


@roles.request_decider_required
@require_http_methods(["GET", "POST"])
def request_approve(request, pk):
    item = _get(request, pk)
    if item.status != TrainingRequest.Status.SUBMITTED:
        messages.error(request, _("This request was already decided."))
        return redirect("training_requests:detail", pk=item.pk)
    initial = {
        "course": item.course,
        "title": item.topic if not item.course_id else "",
        "language": item.language,
        "capacity": item.audience_size,
    }
    form = ApproveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = form.session_fields()
        try:
            services.request_approve(
                request=item,
                actor=request.user,
                course=data["course"],
                facilitators=data["facilitators"],
                note=data["note"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        except (RequestError, SchedulingError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The training is scheduled. The department's employees and the person who asked are told.")
            )
            return redirect("training_requests:detail", pk=item.pk)
    return render(
        request, "scheduling/requests/approve.html", {"item": item, "form": form}, status=400 if form.errors else 200
    )


@roles.request_decider_required
@require_POST
def request_decline(request, pk):
    item = _get(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.request_decline(request=item, actor=request.user, reason=form.cleaned_data["reason"])
        except RequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The request is declined. The person who asked is told why."))
            return redirect("training_requests:detail", pk=item.pk)
    else:
        messages.error(request, _("Say why the request is declined: the person who asked will read it."))
    return redirect("training_requests:detail", pk=item.pk)


@roles.request_viewer_required
@require_POST
def request_withdraw(request, pk):
    item = _get(request, pk)
    try:
        services.request_withdraw(request=item, actor=request.user)
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("training_requests:detail", pk=item.pk)
