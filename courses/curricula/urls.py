from django.urls import path

from . import views

app_name = "curricula"

urlpatterns = [
    path("compliance/", views.compliance, name="compliance"),
    path("compliance/department/<int:department_id>/", views.compliance_department, name="compliance_department"),
    path("compliance/department/<int:department_id>/remind/", views.compliance_remind, name="compliance_remind"),
    path("compliance/export.csv", views.compliance_export_csv, name="compliance_export_csv"),
    path("required-training/<int:assignment_id>/renew/", views.renew, name="renew"),
    path("compliance/exports/", views.my_exports, name="my_exports"),
    path("compliance/exports/<int:job_id>/", views.export_job, name="export_job"),
    path("compliance/exports/<int:job_id>/status.json", views.export_job_status, name="export_job_status"),
    path("compliance/exports/<int:job_id>/download/", views.export_job_download, name="export_job_download"),
    path("compliance/export.xlsx", views.compliance_export_xlsx, name="compliance_export_xlsx"),
]
