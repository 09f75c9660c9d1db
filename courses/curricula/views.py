"""Compliance for department heads (their subtrees) and training admins (everything)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.people.roles import compliance_viewer_required

from . import exports, reminders, selectors, services
from .exceptions import CurriculumError
from .forms import ComplianceFilterForm
from .models import Assignment, Curriculum

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
    people = Paginator(
        selectors.compliance_people(request.user, department=department, curriculum_id=curriculum_id),
        PEOPLE_PER_PAGE,
    ).get_page(request.GET.get("page"))
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


def _export_rows(request):
    form, curriculum_id, department, _curricula, _departments = _filters(request)
    if form.is_bound and not form.is_valid():
        raise Http404
    return selectors.compliance_export_rows(request.user, curriculum_id=curriculum_id, department=department)


def _filename(extension: str) -> str:
    return f"compliance-{timezone.localdate().isoformat()}.{extension}"


@compliance_viewer_required
@require_GET
def compliance_export_csv(request):
    return exports.csv_response(_export_rows(request), _filename("csv"))


@compliance_viewer_required
@require_GET
def compliance_export_xlsx(request):
    return exports.xlsx_response(_export_rows(request), _filename("xlsx"), title=_("Compliance"))


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
