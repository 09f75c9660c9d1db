"""HR import in the Wagtail admin, for training admins: upload a file, see the dry run, apply it.

The uploaded bytes wait in the session between the preview and "Apply"; applying checks the file
again against the database as it is then, so a preview that went stale cannot write bad rows."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses.people.roles import training_admin_required
from lms.csv_import import ImportScreen

from .exceptions import ImportRejected
from .forms import HRFileForm
from .models import HRImportJob, ImportRun
from .selectors import signin_lockouts_current
from .services import employees_import, employees_import_preview, import_summary, signin_lockout_lift

SESSION_KEY = "people_hr_import"
RECENT_RUNS = 20


HR_IMPORT = ImportScreen(
    template="people/admin/import.html",
    title=gettext_lazy("HR import"),
    upload_help=gettext_lazy(
        "Nothing is written until you have seen the preview and chosen to apply it. Employees missing from the "
        "file are left as they are; set active to false to deactivate someone (their records are kept)."
    ),
    form_class=HRFileForm,
    pending_key=SESSION_KEY,
    run_import=lambda request, **file: employees_import(**file, actor=request.user, source=ImportRun.Source.ADMIN),
    rejected=ImportRejected,
    summary=import_summary,
    recent_runs=lambda: ImportRun.objects.select_related("actor")[:RECENT_RUNS],
    done_url="people_admin:hr_import",
    preview=lambda request, **file: employees_import_preview(**file, actor=request.user, source=ImportRun.Source.ADMIN),
    job_model=HRImportJob,
    job_task="courses.people.tasks.hr_import_job_run",
    status_url="people_admin:hr_import_status",
)


@require_http_methods(["GET", "POST"])
@training_admin_required
def hr_import(request):
    return HR_IMPORT.respond(request)


@require_http_methods(["GET"])
@training_admin_required
def hr_import_status(request, job_id):
    return HR_IMPORT.status(request, job_id)


@require_http_methods(["GET", "POST"])
@training_admin_required
def signin_lockouts(request):
    """Accounts and clients that are refused sign-in after too many wrong passwords; a training admin
    lifts a lock (the person can sign in at once) — recorded in the log."""
    if request.method == "POST":
        attempt = signin_lockout_lift(actor=request.user, attempt_id=request.POST.get("attempt", ""))
        if attempt is None:
            messages.error(request, _("That lock was already lifted or has expired."))
        else:
            messages.success(request, _("Sign-in is open again for %(username)s.") % {"username": attempt.username})
        return redirect("people_admin:signin_lockouts")
    return render(
        request,
        "people/admin/signin_lockouts.html",
        {"attempts": signin_lockouts_current(), "limit": settings.AXES_FAILURE_LIMIT},
    )
