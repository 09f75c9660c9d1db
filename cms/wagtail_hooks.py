from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .dashboard import add_today_panel
from .models import ResourceHubPage


def resource_hub_explorer(request):
    """Editors' shortcut to the hub's resources in the page explorer (the first hub of their language
    if translated, else the first hub)."""
    hubs = ResourceHubPage.objects.order_by("path")
    hub = hubs.filter(locale__language_code=request.LANGUAGE_CODE).first() or hubs.first()
    if hub is None:
        return redirect("wagtailadmin_explore_root")
    return redirect(reverse("wagtailadmin_explore", args=[hub.pk]))


@hooks.register("register_admin_urls")
def register_resource_hub_url():
    return [path("resource-hub/", resource_hub_explorer, name="cms_resource_hub")]


@hooks.register("register_admin_menu_item")
def register_resource_hub_menu_item():
    return MenuItem(_("Resource hub"), reverse_lazy("cms_resource_hub"), icon_name="doc-full-inverse", order=210)


@hooks.register("register_admin_urls")
def register_missing_translations_url():
    return [path("reports/missing-translations/", admin_views.missing_translations, name="missing_translations")]


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MenuItem(
        _("Missing translations"), reverse("missing_translations"), icon_name="globe", name="missing-translations"
    )


@hooks.register("before_move_page")
def refuse_moving_the_root(request, page, destination):
    """Wagtail's move confirmation crashes on the tree's root (it has no parent); nobody may move it."""
    if page.is_root():
        raise PermissionDenied(_("The root of the page tree cannot be moved."))


@hooks.register("insert_global_admin_css")
def admin_target_sizes_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin-home.css"))


@hooks.register("construct_homepage_panels")
def add_training_today_panel(request, panels):
    add_today_panel(request, panels)
