from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_missing_translations_url():
    return [path("reports/missing-translations/", admin_views.missing_translations, name="missing_translations")]


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MenuItem(
        _("Missing translations"), reverse("missing_translations"), icon_name="globe", name="missing-translations"
    )
