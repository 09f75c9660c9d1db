"""HR import in the Wagtail admin, for training admins: upload a file, see the dry run, apply it.

The uploaded bytes wait in the session between the preview and "Apply"; applying checks the file
again against the database as it is then, so a preview that went stale cannot write bad rows."""

import base64
import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .exceptions import ImportRejected
from .forms import HRFileForm
from .models import ImportRun
from .roles import is_training_admin
from .services import employees_import, import_summary

SESSION_KEY = "people_hr_import"
RECENT_RUNS = 20


def _require_training_admin(request) -> None:
    if not is_training_admin(request.user):
        raise PermissionDenied


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
def hr_import(request):
    _require_training_admin(request)
    if request.method == "GET":
        return _render(request)
    if request.POST.get("action") == "apply":
        return _apply(request)
    form = HRFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        run, plan = employees_import(
            data=data, file_name=upload.name, actor=request.user, source=ImportRun.Source.ADMIN, dry_run=True
        )
    except ImportRejected as rejected:
        request.session.pop(SESSION_KEY, None)
        return _render(request, errors=rejected.errors, run=None, file_name=upload.name, status=400)
    sha256 = hashlib.sha256(data).hexdigest()
    request.session[SESSION_KEY] = {
        "name": upload.name,
        "sha256": sha256,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return _render(request, plan=plan, run=run, file_name=upload.name, sha256=sha256)


def _apply(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("sha256") != request.POST.get("sha256"):
        messages.error(request, _("That preview has expired. Upload the file again."))
        return redirect("people_admin:hr_import")
    data = base64.b64decode(pending["data"])
    try:
        run, _plan = employees_import(
            data=data, file_name=pending["name"], actor=request.user, source=ImportRun.Source.ADMIN
        )
    except ImportRejected as rejected:
        request.session.pop(SESSION_KEY, None)
        return _render(request, errors=rejected.errors, file_name=pending["name"], status=400)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request, _("%(file)s imported. %(summary)s") % {"file": run.file_name, "summary": import_summary(run)}
    )
    return redirect("people_admin:hr_import")
