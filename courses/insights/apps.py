from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "courses.insights"
    label = "insights"
    verbose_name = _("Equity insights")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from courses.catalogue import dashboard

        from . import selectors, services

        dashboard.register_panel("insights/_learn_panel.html", selectors.learn_panel_context, SELF_IDENTIFICATION)
        # An account deleted takes its answers with it; the last release's copy of its groups goes too.
        pre_delete.connect(
            services.release_members_forget, sender=settings.AUTH_USER_MODEL, dispatch_uid="insights.forget_deleted"
        )


SELF_IDENTIFICATION = 70  # after completed courses: a quiet invitation, never a task
