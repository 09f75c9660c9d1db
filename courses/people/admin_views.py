"""HR import in the Wagtail admin, for training admins: upload a file, see the dry run, apply it.

The uploaded bytes wait in the session between the preview and "Apply"; applying checks the file
again against the database as it is then, so a preview that went stale cannot write bad rows."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from courses.people.roles import training_admin_required
from lms.csv_import import upload_preview_apply

from .exceptions import ImportRejected
from .forms import HRFileForm
from .models import ImportRun
from .services import employees_import, import_summary

SESSION_KEY = "people_hr_import"
RECENT_RUNS = 20


def _render(request, *, form=None, plan=None, run=None, errors=None, file_name="", sha256="", status=200):
    return TemplateResponse(
        request,
        "people/admin/import.html",
        {
            "form": form or HRFileForm(),
            "plan": plan,
            "run": run,
            "summary": import_summary(run) if run is not None else "",
            "errors": errors,
            "file_name": file_name,
            "sha256": sha256,
            "runs": ImportRun.objects.select_related("actor")[:RECENT_RUNS],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@training_admin_required
def hr_import(request):
    return upload_preview_apply(
        request,
        form_class=HRFileForm,
        pending_key=SESSION_KEY,
        run_import=lambda **file: employees_import(**file, actor=request.user, source=ImportRun.Source.ADMIN),
        rejected=ImportRejected,
        render=_render,
        summary=import_summary,
        done_url="people_admin:hr_import",
    )
