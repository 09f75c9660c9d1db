from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from . import admin_urls
from .models import Department, Employee
from .roles import is_training_admin
from .viewsets import DepartmentViewSet, EmployeePolicy, EmployeeViewSet, TrainingAdminPolicy

register_permission_policy(Department, TrainingAdminPolicy(Department))
register_permission_policy(Employee, EmployeePolicy(Employee))

department_viewset = DepartmentViewSet("departments", add_to_admin_menu=False, url_prefix="people/departments")
employee_viewset = EmployeeViewSet("employees", add_to_admin_menu=False, url_prefix="people/employees")


class TrainingAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_training_admin(request.user)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return [department_viewset, employee_viewset]


@hooks.register("register_admin_urls")
def register_people_admin_urls():
    return [path("people/", include(admin_urls, namespace="people_admin"))]


people_menu = Menu(register_hook_name="register_people_menu_item")


@hooks.register("register_people_menu_item")
def register_departments_menu_item():
    return TrainingAdminMenuItem(
        _("Departments"), reverse("departments:index"), name="departments", icon_name="group", order=100
    )


@hooks.register("register_people_menu_item")
def register_employees_menu_item():
    return TrainingAdminMenuItem(
        _("Employees"), reverse("employees:index"), name="employees", icon_name="user", order=200
    )


@hooks.register("register_people_menu_item")
def register_hr_import_menu_item():
    return TrainingAdminMenuItem(
        _("HR import"), reverse("people_admin:hr_import"), name="hr-import", icon_name="upload", order=900
    )


@hooks.register("register_people_menu_item")
def register_signin_lockouts_menu_item():
    return TrainingAdminMenuItem(
        _("Sign-in lock-outs"),
        reverse("people_admin:signin_lockouts"),
        name="signin-lockouts",
        icon_name="lock",
        order=950,
    )


@hooks.register("register_admin_menu_item")
def register_people_menu():
    return SubmenuMenuItem(_("People"), people_menu, name="people", icon_name="group", order=300)
