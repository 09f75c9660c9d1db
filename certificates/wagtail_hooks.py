from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.people.roles import is_training_admin

from . import admin_urls


class TrainingAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_training_admin(request.user)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [path("certificates/", include(admin_urls, namespace="certificates_admin"))]


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return TrainingAdminMenuItem(
        _("Certificates"), reverse("certificates_admin:index"), name="certificates", icon_name="doc-full", order=450
    )
