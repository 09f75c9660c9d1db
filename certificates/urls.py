from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/transcript/", views.my_transcript, name="my_transcript_page"),
    path("certificates/transcript.pdf", views.my_transcript_pdf, name="my_transcript"),
    path("certificates/transcript/<int:employee_id>.pdf", views.transcript_pdf, name="transcript"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="pdf"),
    path("facilitate/sessions/<int:pk>/sign-in-sheet.pdf", views.signin_sheet_pdf, name="signin_sheet"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify_code, name="verify"),
]
