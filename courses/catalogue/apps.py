from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses.catalogue"
    label = "courses"
    verbose_name = _("Course engine")

    def ready(self):
        from django.db.models.signals import post_save

        from . import dashboard, receivers, views
        from .models import QuizModule

        post_save.connect(receivers.final_check_added, sender=QuizModule, dispatch_uid="courses.final_check_added")

        dashboard.register_panel("courses/_learn_courses.html", views.my_courses_panel, dashboard.MY_COURSES)
        dashboard.register_panel("courses/_learn_completed.html", views.completed_panel, dashboard.COMPLETED)
