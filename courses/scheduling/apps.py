from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "courses.scheduling"
    label = "scheduling"
    verbose_name = _("Sessions")

    def ready(self):
        from courses.catalogue import dashboard

        from .views import sessions as views

        dashboard.register_panel("scheduling/_learn_sessions.html", views.sessions_panel, dashboard.SESSIONS)
        dashboard.register_panel("scheduling/_learn_calendar.html", views.calendar_panel, dashboard.CALENDAR)

        from courses.people import signals as people_signals

        from . import receivers

        people_signals.employee_changed.connect(receivers.employee_deactivated, dispatch_uid="scheduling.departure")
        people_signals.employees_changed.connect(receivers.employees_deactivated, dispatch_uid="scheduling.departures")
