from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from courses.people.models import Employee
from courses.people.roles import employee_of, is_training_admin, training_admin_required
from lms.security import ratelimit as lms_ratelimit

from . import codes, pdf, ratelimit, selectors
from .forms import VerifyForm
from .models import Certificate

PER_PAGE = 25


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def my_certificates(request):
    """The holder's certificates with links to each PDF and verify page, and to the transcript."""
    page = Paginator(selectors.certificates_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "certificates": page.object_list,
        "page_obj": page,
        "has_transcript": page.paginator.count > 0 or selectors.has_completions(request.user),
    }
    return render(request, "certificates/my_certificates.html", context)


@login_required
@require_GET
def certificate_pdf(request, code):
    """The certificate PDF: for its holder and training admins; 404 for anyone else, so that a code
    found lying around reveals nothing here."""
    normalised = codes.normalize(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None or not (certificate.holder_id == request.user.pk or is_training_admin(request.user)):
        raise Http404
    content = pdf.render_certificate(certificate, branding=selectors.branding_for(Site.find_for_request(request)))
    return _pdf_response(content, f"certificate-{certificate.display_code}.pdf")


def _transcript_response(request, user):
    """The transcript in its holder's language (labels, dates, course titles), whoever downloads it."""
    employee = employee_of(user)
    language = selectors.holder_language(user)
    content = pdf.render_transcript(
        holder_name=user.get_full_name() or user.get_username(),
        employee_number=employee.employee_number if employee else "",
        department=employee.department.name if employee else "",
        rows=selectors.transcript_rows(user, language=language),
        branding=selectors.branding_for(Site.find_for_request(request)),
        language=language,
    )
    return _pdf_response(content, f"transcript-{user.get_username()}.pdf")


@login_required
@require_GET
def my_transcript_pdf(request):
    """The signed-in employee's own training transcript."""
    return _transcript_response(request, request.user)


@training_admin_required
@require_GET
def transcript_pdf(request, employee_id):
    """Any employee's transcript, for training admins."""
    employee = get_object_or_404(Employee.objects.select_related("user", "department"), pk=employee_id)
    return _transcript_response(request, employee.user)


@require_GET
def verify(request):
    """The form to type a code; a well-formed code goes to its verify page."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=codes.display(form.cleaned_data["code"]))
    return render(request, "certificates/verify.html", {"form": form})


def _too_many(request, retry_after: int):
    return lms_ratelimit.too_many(
        request, "", retry_after, template="certificates/verify_limited.html", context={"form": VerifyForm()}
    )


@never_cache
@require_GET
def verify_code(request, code):
    """Public: is the certificate with this code genuine, and is it valid, expired, revoked or
    superseded. Shows the holder's name, the course, the issue and expiry dates; nothing else. An
    unknown code says only that it is unknown. Rate-limited per client."""
    normalised = codes.normalize(code)
    if normalised and code != codes.display(normalised):
        # Only the canonical URL looks anything up, so only it counts against the rate limit.
        return redirect("certificates:verify", code=codes.display(normalised))
    allowed, retry_after = ratelimit.hit(request)
    if not allowed:
        return _too_many(request, retry_after)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    form = VerifyForm(initial={"code": codes.display(normalised) if normalised else code})
    if certificate is None:
        return render(request, "certificates/verify.html", {"form": form, "unknown": True}, status=404)
    return render(request, "certificates/verify.html", {"form": form, "certificate": certificate})
