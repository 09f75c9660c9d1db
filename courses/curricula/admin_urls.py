from django.urls import path

from . import admin_views

app_name = "curricula_ops"

urlpatterns = [
    path("assignments/", admin_views.assignment_list, name="assignments"),
    path("assignments/<int:pk>/", admin_views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/exempt/", admin_views.assignment_exempt, name="assignment_exempt"),
    path(
        "assignments/<int:pk>/revoke-exemption/",
        admin_views.assignment_exemption_revoke,
        name="assignment_exemption_revoke",
    ),
    path("assignments/<int:pk>/extend/", admin_views.assignment_extend, name="assignment_extend"),
    path("import-completions/", admin_views.import_completions, name="import_completions"),
    path(
        "import-completions/jobs/<int:job_id>/status.json",
        admin_views.import_completions_status,
        name="import_completions_status",
    ),
]
