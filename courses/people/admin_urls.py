from django.urls import path

from . import admin_views

app_name = "people_admin"

urlpatterns = [
    path("import/", admin_views.hr_import, name="hr_import"),
    path("import/jobs/<int:job_id>/status.json", admin_views.hr_import_status, name="hr_import_status"),
    path("sign-in-lockouts/", admin_views.signin_lockouts, name="signin_lockouts"),
]
