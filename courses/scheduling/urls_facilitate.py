"""Routes of the facilitator pages and self check-in (included by scheduling/urls.py)."""

from django.urls import path

from . import facilitate_views as views

urlpatterns = [
    path("facilitate/", views.home, name="facilitate"),
    path("facilitate/series/new/", views.series_create, name="facilitate_series_new"),
    path("facilitate/series/preview/", views.series_preview_json, name="facilitate_series_preview"),
    path("facilitate/series/<int:pk>/", views.series_detail, name="facilitate_series"),
    path("facilitate/series/<int:pk>/edit/", views.series_edit, name="facilitate_series_edit"),
    path("facilitate/sessions/new/", views.session_create, name="facilitate_session_new"),
    path("facilitate/sessions/<int:pk>/", views.session_manage, name="facilitate_session"),
    path("facilitate/sessions/<int:pk>/edit/", views.session_edit, name="facilitate_session_edit"),
    path("facilitate/sessions/<int:pk>/cancel/", views.session_cancel, name="facilitate_session_cancel"),
    path("facilitate/sessions/<int:pk>/skip/", views.occurrence_skip, name="facilitate_session_skip"),
    path("facilitate/sessions/<int:pk>/roster/", views.roster, name="roster"),
    path("facilitate/sessions/<int:pk>/roster/walk-in/", views.walk_in, name="roster_walk_in"),
    path("facilitate/sessions/<int:pk>/checkin/", views.checkin_screen, name="checkin_screen"),
    path("facilitate/sessions/<int:pk>/checkin.json", views.checkin_json, name="checkin_json"),
    path("sessions/series/<int:pk>/register/", views.series_register, name="series_register"),
    path("sessions/series/<int:pk>/leave/", views.series_leave, name="series_leave"),
    path("checkin/", views.checkin_form, name="checkin"),
    path("checkin/<str:code>/", views.checkin_code, name="checkin_code"),
    path("checkin/done/<int:pk>/", views.checkin_done, name="checkin_done"),
]
