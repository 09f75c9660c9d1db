from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"

    def ready(self):
        from courses.catalogue.selectors import register_catalogue_url_finder

        from .selectors import course_index_url

        # "Browse courses" on /learn/ leads to the course index page.
        register_catalogue_url_finder(course_index_url)

        from lms.forms import bound_admin_model_forms

        # The admin's model forms (pages, snippets, the engine's viewsets) refuse what the database
        # cannot hold (year 9999, huge integers) with a form error, as the public forms do.
        bound_admin_model_forms()
