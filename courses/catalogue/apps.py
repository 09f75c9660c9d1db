from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses.catalogue"
    label = "courses"
    verbose_name = _("Course engine")

    def ready(self):
        from . import dashboard, views

        dashboard.register_panel("courses/_learn_courses.html", views.my_courses_panel, dashboard.MY_COURSES)
        dashboard.register_panel("courses/_learn_completed.html", views.completed_panel, dashboard.COMPLETED)
