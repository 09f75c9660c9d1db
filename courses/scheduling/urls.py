from django.urls import path

from .views import accommodations, checkin, circles, facilitate, month, roster, sessions

app_name = "scheduling"

urlpatterns = [
    # Employees and guests.
    path("sessions/", sessions.session_list, name="list"),
    path("sessions/calendar/", month.session_calendar, name="calendar"),
    path("sessions/<int:pk>/", sessions.session_detail, name="detail"),
    path("sessions/<int:pk>.ics", sessions.session_ics, name="ics"),
    path("sessions/<int:pk>/register/", sessions.session_register, name="register"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel_registration, name="cancel"),
    path("sessions/<int:pk>/accommodation/", accommodations.accommodation_change, name="accommodation"),
    path("sessions/<int:pk>/guest/", sessions.guest_register, name="guest_register"),
    path("sessions/confirm/<str:token>/", sessions.guest_confirm, name="guest_confirm"),
    path("sessions/series/<int:pk>.ics", sessions.series_ics, name="series_ics"),
    path("sessions/series/<int:pk>/register/", circles.series_register, name="series_register"),
    path("sessions/series/<int:pk>/leave/", circles.series_leave, name="series_leave"),
    path("calendar/regenerate/", sessions.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/revoke/", sessions.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", sessions.calendar_feed, name="feed"),
    # Facilitators and training admins.
    path("facilitate/", facilitate.home, name="facilitate"),
    path("facilitate/series/new/", facilitate.series_create, name="facilitate_series_new"),
    path("facilitate/series/preview/", facilitate.series_preview_json, name="facilitate_series_preview"),
    path("facilitate/series/<int:pk>/", facilitate.series_detail, name="facilitate_series"),
    path("facilitate/series/<int:pk>/edit/", facilitate.series_edit, name="facilitate_series_edit"),
    path("facilitate/sessions/new/", facilitate.session_create, name="facilitate_session_new"),
    path("facilitate/sessions/<int:pk>/", facilitate.session_manage, name="facilitate_session"),
    path("facilitate/sessions/<int:pk>/edit/", facilitate.session_edit, name="facilitate_session_edit"),
    path("facilitate/sessions/<int:pk>/cancel/", facilitate.session_cancel, name="facilitate_session_cancel"),
    path("facilitate/sessions/<int:pk>/skip/", facilitate.occurrence_skip, name="facilitate_session_skip"),
    path("facilitate/sessions/<int:pk>/roster/", roster.roster, name="roster"),
    path("facilitate/sessions/<int:pk>/roster/walk-in/", roster.walk_in, name="roster_walk_in"),
    path("facilitate/sessions/<int:pk>/checkin/", roster.checkin_screen, name="checkin_screen"),
    path("facilitate/sessions/<int:pk>/checkin.json", roster.checkin_json, name="checkin_json"),
    # Self check-in from the QR code in the room.
    path("checkin/", checkin.checkin_form, name="checkin"),
    path("checkin/<str:code>/", checkin.checkin_code, name="checkin_code"),
    path("checkin/done/<int:pk>/", checkin.checkin_done, name="checkin_done"),
]
