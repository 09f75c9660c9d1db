from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "courses.insights"
    label = "insights"
    verbose_name = _("Equity insights")

    def ready(self):
        from courses.catalogue import dashboard

        from . import selectors

        dashboard.register_panel("insights/_learn_panel.html", selectors.learn_panel_context, SELF_IDENTIFICATION)


SELF_IDENTIFICATION = 70  # after completed courses: a quiet invitation, never a task
