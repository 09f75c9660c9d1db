from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingRequestsConfig(AppConfig):
    name = "courses.scheduling.requests"
    label = "training_requests"
    verbose_name = _("Training requests")
