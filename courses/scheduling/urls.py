from django.urls import path

from . import views

app_name = "scheduling"

urlpatterns = [
    path("sessions/", views.session_list, name="list"),
    path("sessions/<int:pk>/", views.session_detail, name="detail"),
    path("sessions/<int:pk>.ics", views.session_ics, name="ics"),
    path("sessions/<int:pk>/register/", views.session_register, name="register"),
    path("sessions/<int:pk>/cancel/", views.session_cancel_registration, name="cancel"),
    path("sessions/<int:pk>/guest/", views.guest_register, name="guest_register"),
    path("sessions/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("sessions/series/<int:pk>.ics", views.series_ics, name="series_ics"),
    path("calendar/regenerate/", views.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
]

# Facilitator pages and self check-in.
from .urls_facilitate import urlpatterns as facilitate_urlpatterns  # noqa: E402

urlpatterns += facilitate_urlpatterns
