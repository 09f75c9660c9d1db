"""Training admins' screens in the Wagtail admin: assignments (find a person's assignment, see its
history, grant an exemption or an extension) and the completions import (upload, preview, apply).

The uploaded bytes wait in the session between the preview and "Apply"; applying checks the file
again against the database as it is then, so a stale preview cannot write bad rows."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from courses.people.models import Department
from courses.people.roles import training_admin_required
from lms.csv_import import ImportScreen

from . import services
from .admin_forms import AssignmentFilterForm, CompletionFileForm, ExtensionForm, ReasonForm
from .exceptions import CurriculumError
from .import_services import (
    CompletionImportRejected,
    completions_import,
    completions_import_preview,
    import_summary,
)
from .models import Assignment, CompletionImport, CompletionImportJob

PAGE_SIZE = 50
SESSION_KEY = "curricula_completion_import"
RECENT_RUNS = 20
PREVIEW_ROWS = 200


# Assignments ----------------------------------------------------------------------------------------


@require_http_methods(["GET"])
@training_admin_required
def assignment_list(request):
    departments = list(Department.objects.order_by("path"))
    form = AssignmentFilterForm(request.GET or None, departments=departments)
    assignments = Assignment.objects.select_related(
        "user", "user__employee", "user__employee__department", "curriculum"
    ).order_by("user__last_name", "user__first_name", "user_id", "curriculum__name", "-assigned_at")
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        filtered = any(data.values())
        if not data["ended"]:
            assignments = assignments.filter(ended_at__isnull=True)
        if data["curriculum"]:
            assignments = assignments.filter(curriculum=data["curriculum"])
        if data["department"]:
            department = next((d for d in departments if d.pk == data["department"]), None)
            if department is not None:
                assignments = assignments.filter(user__employee__department__path__startswith=department.path)
        if data["state"] == "exempt":
            assignments = assignments.filter(exempt=True)
        elif data["state"]:
            assignments = assignments.filter(state=data["state"])
        query = data["q"].strip()
        for word in query.split():
            assignments = assignments.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__employee__employee_number__iexact=word)
            )
    else:
        assignments = assignments.filter(ended_at__isnull=True)
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("p"))
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(
        request,
        "curricula/admin/assignments.html",
        {
            "form": form,
            "page_obj": page,
            "assignments": page.object_list,
            "query": params.urlencode(),
            "filtered": filtered,
        },
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )


def _detail_context(assignment, *, exempt_form=None, revoke_form=None, extension_form=None):
    return {
        "assignment": assignment,
        "employee": getattr(assignment.user, "employee", None),
        "certifications": assignment.certifications.order_by("-completed_at"),
        "events": assignment.events.select_related("actor").order_by("-at", "-id"),
        "reminders": assignment.reminders.order_by("-sent_at")[:20],
        "exempt_form": exempt_form or ReasonForm(prefix="exempt"),
        "revoke_form": revoke_form or ReasonForm(prefix="revoke"),
        "extension_form": extension_form or ExtensionForm(prefix="extend"),
    }


def _get_assignment(pk):
    return get_object_or_404(
        Assignment.objects.select_related("user", "user__employee", "user__employee__department", "curriculum"), pk=pk
    )


@require_http_methods(["GET"])
@training_admin_required
def assignment_detail(request, pk):
    assignment = _get_assignment(pk)
    return TemplateResponse(request, "curricula/admin/assignment.html", _detail_context(assignment))


def _decide(request, pk, *, form_class, prefix, context_key, act, success):
    assignment = _get_assignment(pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            act(assignment, form.cleaned_data)
        except CurriculumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success)
            return redirect("curricula_ops:assignment", pk=assignment.pk)
    assignment.refresh_from_db()
    context = _detail_context(assignment, **{context_key: form})
    return TemplateResponse(request, "curricula/admin/assignment.html", context, status=400)


@require_POST
@training_admin_required
def assignment_exempt(request, pk):
    return _decide(
        request,
        pk,
        form_class=ReasonForm,
        prefix="exempt",
        context_key="exempt_form",
        act=lambda a, data: services.assignment_exempt(assignment=a, by=request.user, reason=data["reason"]),
        success=_("Exemption granted."),
    )


@require_POST
@training_admin_required
def assignment_exemption_revoke(request, pk):
    return _decide(
        request,
        pk,
        form_class=ReasonForm,
        prefix="revoke",
        context_key="revoke_form",
        act=lambda a, data: services.assignment_exemption_revoke(assignment=a, by=request.user, reason=data["reason"]),
        success=_("Exemption withdrawn."),
    )


@require_POST
@training_admin_required
def assignment_extend(request, pk):
    return _decide(
        request,
        pk,
        form_class=ExtensionForm,
        prefix="extend",
        context_key="extension_form",
        act=lambda a, data: services.assignment_extend(
            assignment=a, by=request.user, due_on=data["due_on"], reason=data["reason"]
        ),
        success=_("Extension granted."),
    )


# Completions import ---------------------------------------------------------------------------------


COMPLETIONS_IMPORT = ImportScreen(
    template="curricula/admin/import_completions.html",
    title=gettext_lazy("Import completions"),
    upload_help=gettext_lazy(
        "Nothing is written until you have seen the preview and chosen to apply it. Completions already recorded "
        "are left alone; assignments are re-evaluated with the imported history."
    ),
    form_class=CompletionFileForm,
    pending_key=SESSION_KEY,
    run_import=lambda request, **file: completions_import(
        **file, actor=request.user, source=CompletionImport.Source.ADMIN
    ),
    rejected=CompletionImportRejected,
    summary=import_summary,
    recent_runs=lambda: CompletionImport.objects.select_related("actor")[:RECENT_RUNS],
    done_url="curricula_ops:import_completions",
    preview_context=lambda plan: {"preview_rows": plan.rows[:PREVIEW_ROWS]},
    preview=lambda request, **file: completions_import_preview(
        **file, actor=request.user, source=CompletionImport.Source.ADMIN
    ),
    job_model=CompletionImportJob,
    job_task="courses.curricula.tasks.completion_import_job_run",
    status_url="curricula_ops:import_completions_status",
)


@require_http_methods(["GET", "POST"])
@training_admin_required
def import_completions(request):
    return COMPLETIONS_IMPORT.respond(request)


@require_http_methods(["GET"])
@training_admin_required
def import_completions_status(request, job_id):
    return COMPLETIONS_IMPORT.status(request, job_id)
