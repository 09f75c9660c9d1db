from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from courses.people.models import Employee
from courses.people.roles import employee_of, facilitator_required, is_training_admin, training_admin_required
from courses.scheduling import selectors as scheduling_selectors
from courses.scheduling.models import Registration
from courses.scheduling.views.facilitate_common import managed_session
from lms.security import ratelimit as lms_ratelimit

from . import codes, pdf, ratelimit, selectors, signin_sheet
from .forms import VerifyForm
from .models import Certificate
from .signin_sheet import SheetRow

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
def my_transcript(request):
    """The signed-in person's transcript as a page: courses, attended sessions and reading-circle
    meetings with their hours, and the totals (revoked certificates left out)."""
    rows = selectors.transcript_rows(request.user, language=translation.get_language())
    return render(
        request,
        "certificates/transcript.html",
        {"rows": rows, "totals": selectors.transcript_totals(rows)},
    )


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
    # The holder, signed in, also reads when and why it was revoked; anyone else only that it was.
    is_holder = request.user.is_authenticated and certificate.holder_id == request.user.pk
    context = {"form": form, "certificate": certificate, "is_holder": is_holder}
    return render(request, "certificates/verify.html", context)


@facilitator_required
@require_GET
def signin_sheet_pdf(request, pk):
    """A session's printable sign-in sheet, for its facilitators and training admins (the roster's
    guard: 404 for a session hidden from the viewer, 403 for one they do not run)."""
    session = managed_session(request, pk)
    seated = [r for r in scheduling_selectors.roster(session) if r.state in Registration.SEATED]
    # By family name, as people look for themselves on a printed list.
    seated.sort(key=lambda r: ((r.user.last_name if r.user_id else "") or r.person_name).casefold())
    rows = [SheetRow(name=r.person_name, department=_department_of(r)) for r in seated]
    organisation = selectors.branding_for(Site.find_for_request(request)).organisation_name
    content = signin_sheet.render_signin_sheet(session=session, rows=rows, organisation=organisation)
    return _pdf_response(content, f"sign-in-sheet-session-{session.pk}.pdf")


def _department_of(registration) -> str:
    employee = getattr(registration.user, "employee", None) if registration.user_id else None
    return employee.department.name if employee is not None else _("Guest")
