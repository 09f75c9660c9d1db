from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from courses.people.roles import is_training_admin

from . import admin_urls
from .admin_curricula import CurriculumViewSet

curriculum_viewset = CurriculumViewSet("curricula_admin", url_prefix="curricula")


class TrainingAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_training_admin(request.user)


class TrainingAdminSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return is_training_admin(request.user)


@hooks.register("register_admin_viewset")
def register_curriculum_viewset():
    return curriculum_viewset


@hooks.register("register_admin_urls")
def register_curricula_admin_urls():
    return [path("mandatory-training/", include(admin_urls, namespace="curricula_ops"))]


training_menu = Menu(register_hook_name="register_mandatory_training_menu_item")


@hooks.register("register_mandatory_training_menu_item")
def register_curricula_menu_item():
    return TrainingAdminMenuItem(
        _("Curricula"), reverse("curricula_admin:index"), name="curricula", icon_name="list-ul", order=100
    )


@hooks.register("register_mandatory_training_menu_item")
def register_assignments_menu_item():
    return TrainingAdminMenuItem(
        _("Assignments"), reverse("curricula_ops:assignments"), name="assignments", icon_name="user", order=200
    )


@hooks.register("register_mandatory_training_menu_item")
def register_completion_import_menu_item():
    return TrainingAdminMenuItem(
        _("Import completions"),
        reverse("curricula_ops:import_completions"),
        name="import-completions",
        icon_name="upload",
        order=300,
    )


@hooks.register("register_admin_menu_item")
def register_mandatory_training_menu():
    return TrainingAdminSubmenu(
        _("Mandatory training"), training_menu, name="mandatory-training", icon_name="tasks", order=320
    )
