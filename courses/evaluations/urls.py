from django.urls import path

from . import figures_views, views

app_name = "evaluations"

urlpatterns = [
    path("evaluations/session/<int:session_id>/", views.evaluate_session, name="session"),
    path("evaluations/course/<int:course_id>/", views.evaluate_course, name="course"),
    path("evaluations/thanks/", views.thanks, name="thanks"),
    path("facilitate/evaluations/", figures_views.facilitator, name="facilitator"),
    path("insights/evaluations/", figures_views.organisation, name="organisation"),
    path("insights/evaluations.csv", figures_views.organisation_csv, name="organisation_csv"),
]
