from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"

    def ready(self):
        from courses.catalogue.selectors import register_catalogue_url_finder

        from .selectors import course_index_url

        # "Browse courses" on /learn/ leads to the course index page.
        register_catalogue_url_finder(course_index_url)
