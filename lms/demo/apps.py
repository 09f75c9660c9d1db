from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo city (`manage.py seed_demo`). Installed so that its command is found; no app imports it."""

    name = "lms.demo"
    label = "demo"
    verbose_name = "Demo"
