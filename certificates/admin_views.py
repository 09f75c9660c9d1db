"""Certificates in the Wagtail admin, for training admins: list (search by code or name, filter by
course and state), detail with the audit trail, revoke and re-issue (each behind a confirmation page)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses.catalogue.models import Course
from courses.people.roles import employee_of, training_admin_required

from . import selectors, services
from .exceptions import CertificateError
from .forms import ReissueForm, RevokeForm
from .models import Certificate

PER_PAGE = 50


@training_admin_required
def index(request):
    search = request.GET.get("q", "").strip()
    course_id = request.GET.get("course", "")
    course_id = int(course_id) if course_id.isdigit() else None
    state = request.GET.get("state", "")
    if state not in Certificate.State.values:
        state = ""
    queryset = selectors.certificate_list(search=search, course_id=course_id, state=state)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "certificates/admin/index.html",
        {
            "page_obj": page,
            "certificates": page.object_list,
            "search": search,
            "course_id": course_id,
            "state": state,
            "courses": Course.objects.filter(certificates__isnull=False).distinct().order_by("title"),
            "states": Certificate.State.choices,
            "query": query.urlencode(),
        },
    )


@training_admin_required
def detail(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("course", "holder", "revoked_by"), pk=pk)
    return TemplateResponse(
        request,
        "certificates/admin/detail.html",
        {
            "certificate": certificate,
            "events": certificate.events.select_related("actor"),
            "replacement": Certificate.objects.filter(replaces=certificate).first(),
            "employee": employee_of(certificate.holder),
            "can_revoke": certificate.can_become(Certificate.Status.REVOKED),
        },
    )


@training_admin_required
def revoke(request, pk):
    """GET: the confirmation page with the reason field. POST: revoke."""
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        except CertificateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Certificate %(code)s is revoked.") % {"code": certificate.display_code})
        return redirect("certificates_admin:detail", pk=certificate.pk)
    return TemplateResponse(request, "certificates/admin/revoke.html", {"certificate": certificate, "form": form})


@training_admin_required
def reissue(request, pk):
    """GET: the confirmation page. POST: issue a replacement with a fresh code and snapshot."""
    certificate = get_object_or_404(Certificate, pk=pk)
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.certificate_reissue(certificate=certificate, by=request.user, note=form.cleaned_data["note"])
        except CertificateError as error:
            messages.error(request, str(error))
            return redirect("certificates_admin:detail", pk=certificate.pk)
        codes = {"old": certificate.display_code, "new": new.display_code}
        messages.success(request, _("Certificate %(old)s is re-issued as %(new)s.") % codes)
        return redirect("certificates_admin:detail", pk=new.pk)
    return TemplateResponse(request, "certificates/admin/reissue.html", {"certificate": certificate, "form": form})
