"""Compliance for department heads (their subtrees) and training admins (everything)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.people.roles import compliance_viewer_required

from . import export_jobs, export_selectors, exports, reminders, selectors, services
from .exceptions import CurriculumError
from .forms import ComplianceFilterForm
from .models import Assignment, Curriculum, ExportJob

DEPARTMENTS_PER_PAGE = 50
PEOPLE_PER_PAGE = 50


def _filters(request, *, department=None):
    """Parse the filters; invalid ones are reported and ignored. Returns (form, curriculum_id,
    department, curricula, departments)."""
    curricula = list(Curriculum.objects.filter(active=True).order_by("name"))
    departments = list(selectors.visible_departments_of(request.user))
    form = ComplianceFilterForm(request.GET or None, curricula=curricula, departments=departments)
    curriculum_id = None
    if form.is_bound:
        if form.is_valid():
            curriculum_id = form.cleaned_data["curriculum"]
            department_id = form.cleaned_data["department"]
            if department is None and department_id is not None:
                department = next(d for d in departments if d.pk == department_id)
        else:
            messages.error(request, _("That filter is not available to you; showing everything you may see."))
    return form, curriculum_id, department, curricula, departments


@compliance_viewer_required
@require_GET
def compliance(request):
    form, curriculum_id, department, curricula, _departments = _filters(request)
    rows, total = selectors.compliance_by_department(request.user, curriculum_id=curriculum_id, department=department)
    page = Paginator(rows, DEPARTMENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "rows": page.object_list,
        "total": total,
        "curriculum": next((c for c in curricula if c.pk == curriculum_id), None),
        "department": department,
        "query": _query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "curricula/compliance.html", context)


@compliance_viewer_required
@require_GET
def compliance_department(request, department_id):
    """One department: its subtree's rows and its people. 404 for a department outside the viewer's
    subtrees, so that their existence is not revealed either."""
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        raise Http404
    form, curriculum_id, department, curricula, _departments = _filters(request, department=department)
    rows, total = selectors.compliance_by_department(request.user, curriculum_id=curriculum_id, department=department)
    paginator = Paginator(
        selectors.compliance_people(request.user, department=department, curriculum_id=curriculum_id),
        PEOPLE_PER_PAGE,
    )
    paginator.count = total.assigned  # the rollup's count of the same rows: no COUNT over the subtree
    people = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "department": department,
        "rows": rows,
        "total": total,
        "page_obj": people,
        "assignments": people.object_list,
        "curriculum": next((c for c in curricula if c.pk == curriculum_id), None),
        "query": _query_without_page(request),
        "ancestors": selectors.visible_ancestors(request.user, department),
    }
    return render(request, "curricula/compliance_department.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _export(request, fmt: str):
    """Stream the export, or (above COMPLIANCE_EXPORT_ASYNC_ROWS rows) start a job and show its page."""
    form, curriculum_id, department, curricula, _departments = _filters(request)
    if form.is_bound and not form.is_valid():
        raise Http404
    curriculum = next((c for c in curricula if c.pk == curriculum_id), None)
    count = export_selectors.compliance_export_count(request.user, curriculum_id=curriculum_id, department=department)
    if count > settings.COMPLIANCE_EXPORT_ASYNC_ROWS:
        job = export_jobs.export_job_create(
            owner=request.user, fmt=fmt, curriculum=curriculum, department=department, rows_total=count
        )
        messages.info(
            request,
            _("This export is large, so it is being prepared in the background. We will e-mail you when it is ready."),
        )
        return redirect("curricula:export_job", job.pk)
    filename = export_jobs.export_filename(
        viewer=request.user, extension=fmt, department=department, curriculum=curriculum
    )
    if fmt == "csv":
        header, query = export_selectors.compliance_export_text_rows(
            request.user, curriculum_id=curriculum_id, department=department
        )
        return exports.csv_response(header, query, filename)
    return exports.xlsx_response(
        export_selectors.compliance_export_rows(request.user, curriculum_id=curriculum_id, department=department),
        filename,
        title=_("Compliance"),
        date_columns=export_selectors.EXPORT_DATE_COLUMNS,
        widths=export_selectors.EXPORT_WIDTHS,
    )


@compliance_viewer_required
@require_GET
def compliance_export_csv(request):
    return _export(request, "csv")


@compliance_viewer_required
@require_GET
def compliance_export_xlsx(request):
    return _export(request, "xlsx")


def _own_job(request, job_id):
    """The viewer's own export job, still kept; 404 for anyone else's or an expired one."""
    job = export_jobs.exports_of(request.user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


@compliance_viewer_required
@require_GET
def my_exports(request):
    context = {"jobs": export_jobs.exports_of(request.user), "keep_days": settings.EXPORT_JOB_KEEP_DAYS}
    return render(request, "curricula/my_exports.html", context)


@compliance_viewer_required
@require_GET
def export_job(request, job_id):
    return render(request, "curricula/export_job.html", {"job": _own_job(request, job_id)})


@compliance_viewer_required
@require_GET
def export_job_status(request, job_id):
    job = _own_job(request, job_id)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": str(job.get_state_display()),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent_done,
        }
    )


@compliance_viewer_required
@require_GET
def export_job_download(request, job_id):
    job = _own_job(request, job_id)
    if job.state != ExportJob.State.READY or not job.file:
        raise Http404
    content_type = "text/csv; charset=utf-8" if job.format == "csv" else exports.XLSX_CONTENT_TYPE
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@compliance_viewer_required
@require_POST
def compliance_remind(request, department_id):
    """A row's "Remind the overdue": e-mail the overdue people of that department's subtree (of one
    curriculum when the report is filtered), at most once a day each. 404 outside the viewer's scope."""
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        raise Http404
    curricula = list(Curriculum.objects.filter(active=True).order_by("name"))
    form = ComplianceFilterForm(
        {"curriculum": request.POST.get("curriculum", "")}, curricula=curricula, departments=[department]
    )
    if not form.is_valid():
        return HttpResponseBadRequest(_("That curriculum is not available."))
    assignments = selectors.compliance_assignments(
        request.user, curriculum_id=form.cleaned_data["curriculum"], department=department
    )
    result = reminders.overdue_reminders_send(sender=request.user, assignments=assignments)
    if result.sent:
        messages.success(
            request,
            _("Reminder sent to %(count)s people in %(department)s.")
            % {"count": result.sent, "department": department.name},
        )
    if result.already:
        messages.info(
            request,
            _("%(count)s people were already reminded today; they get at most one reminder a day.")
            % {"count": result.already},
        )
    if not result.sent and not result.already:
        messages.info(request, _("Nobody there is overdue now; no reminder was sent."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = reverse("curricula:compliance")
    return redirect(target)


@login_required
@require_POST
def renew(request, assignment_id):
    """ "Start renewal" from the /learn/ panel: the person's own assignment only (404 otherwise)."""
    assignment = Assignment.objects.filter(pk=assignment_id, user=request.user).select_related("curriculum").first()
    if assignment is None:
        raise Http404
    try:
        courses = services.assignment_start_renewal(assignment=assignment, user=request.user)
    except CurriculumError as error:
        messages.error(request, str(error))
        return redirect("learn:dashboard")
    messages.success(request, _("Your renewal has started. Complete the courses again before the expiry date."))
    if courses:
        return redirect("learn:course", courses[0].slug)
    return redirect("learn:dashboard")
