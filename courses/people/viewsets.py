"""Departments and employees in the Wagtail admin (People menu), for training admins.

Departments are listed as the tree they are (indented by depth, in tree order), with "Add child
department" on every row; the edit form moves a department under another parent. Employees are
listed with a department filter that takes the whole subtree, an active filter and a search by name
or employee number. Employees come from HR: the admin edits them (through
`courses.people.services.employee_update`, so curricula hear of the change) but neither adds nor deletes
them; deactivating keeps their records."""

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from . import services
from .exceptions import PeopleError
from .models import Department, Employee
from .roles import is_training_admin


class TrainingAdminPolicy(ModelPermissionPolicy):
    """Model permissions, and only for training admins (whatever other groups were granted)."""

    refused_actions = ()

    def user_has_permission(self, user, action):
        if action in self.refused_actions or not is_training_admin(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class EmployeePolicy(TrainingAdminPolicy):
    # Employees come from HR files and are deactivated, never deleted: their records stay.
    refused_actions = ("add", "delete")


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, department):
        return "— " * (department.depth - 1) + department.name


class DepartmentForm(WagtailAdminModelForm):
    parent = DepartmentChoiceField(
        queryset=Department.objects.order_by("path"),
        required=False,
        label=_("Part of"),
        help_text=_("The department this one belongs to. Leave empty for a top-level department."),
    )

    class Meta(WagtailAdminModelForm.Meta):  # keeps Wagtail's widgets and the database bounds (lms.forms)
        model = Department
        fields = ["name", "code", "parent", "heads"]
        widgets = {"heads": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["heads"].queryset = (
            get_user_model()
            .objects.filter(employee__active=True)
            .order_by("last_name", "first_name")
            .select_related("employee")
        )
        self.fields["heads"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} ({user.employee.employee_number})"
        )
        self.fields["heads"].help_text = _("Heads see this department and every department below it.")
        if self.instance.pk:
            self.initial.setdefault("parent", self.instance.get_parent())

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent is not None and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("A department cannot be part of itself or of a department below it."))
        return parent

    def save(self, commit=True):
        department = services.department_save(
            department=self.instance, parent=self.cleaned_data["parent"], heads=self.cleaned_data["heads"]
        )
        self.instance = department
        return department


class TreeTitleColumn(TitleColumn):
    cell_template_name = "people/admin/tree_title_cell.html"


class DepartmentIndexView(generic.IndexView):
    default_ordering = "path"
    paginate_by = 100

    def get_base_queryset(self):
        return Department.objects.annotate(employee_count=Count("employees")).prefetch_related("heads").order_by("path")

    def get_valid_orderings(self):
        return ["path"]

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TreeTitleColumn)("name", label=_("Department"), get_url=self.get_edit_url),
            Column("code", label=_("Code")),
            Column(
                "heads", label=_("Heads"), accessor=lambda d: ", ".join(str(h.get_full_name()) for h in d.heads.all())
            ),
            Column("employee_count", label=_("Employees")),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.insert(
                0,
                ListingButton(
                    _("Add child department"),
                    url=f"{self.get_add_url()}?parent={instance.pk}",
                    icon_name="plus",
                    priority=5,
                    attrs={"aria-label": _("Add a department inside %(name)s") % {"name": instance.name}},
                ),
            )
        return buttons


class DepartmentCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        parent = self.request.GET.get("parent", "")
        if parent.isdigit():
            initial["parent"] = Department.objects.filter(pk=int(parent)).first()
        return initial


class DepartmentDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            services.department_delete(department=self.object)
        except PeopleError as error:
            messages.error(self.request, str(error))
            return redirect(self.index_url_name)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    index_view_class = DepartmentIndexView
    add_view_class = DepartmentCreateView
    delete_view_class = DepartmentDeleteView
    copy_view_enabled = False
    search_fields = ["name", "code"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return DepartmentForm


class EmployeeFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("Department (and below)"),
        queryset=Department.objects.order_by("path"),
        method="filter_department",
    )
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta(WagtailAdminModelForm.Meta):  # keeps Wagtail's widgets and the database bounds (lms.forms)
        model = Employee
        fields = ["department", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["department"].label_from_instance = lambda d: "— " * (d.depth - 1) + d.name

    def filter_department(self, queryset, name, department):
        return queryset.filter(department__path__startswith=department.path)


class EmployeeIndexView(generic.IndexView):
    filterset_class = EmployeeFilterSet
    default_ordering = "user__last_name"

    def get_base_queryset(self):
        return Employee.objects.select_related("user", "department")

    def get_valid_orderings(self):
        return ["user__last_name", "-user__last_name", "employee_number", "-employee_number"]

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "full_name", label=_("Name"), get_url=self.get_edit_url, sort_key="user__last_name"
            ),
            Column("employee_number", label=_("Employee number"), sort_key="employee_number"),
            Column("department", label=_("Department")),
            Column("job_title", label=_("Job title")),
            BooleanColumn("active", label=_("Active")),
        ]


class EmployeeForm(WagtailAdminModelForm):
    department = DepartmentChoiceField(queryset=Department.objects.order_by("path"), label=_("Department"))

    class Meta(WagtailAdminModelForm.Meta):  # keeps Wagtail's widgets and the database bounds (lms.forms)
        model = Employee
        fields = ["department", "job_title", "hire_date", "preferred_language", "time_zone", "active"]


class EmployeeEditView(generic.EditView):
    def get_page_subtitle(self):
        return self.object.full_name

    def save_instance(self):
        employee = Employee.objects.select_related("user").get(pk=self.object.pk)
        services.employee_update(
            employee=employee, **{name: self.form.cleaned_data[name] for name in EmployeeForm.Meta.fields}
        )
        return employee


class EmployeeViewSet(ModelViewSet):
    model = Employee
    icon = "user"
    menu_label = _("Employees")
    index_view_class = EmployeeIndexView
    edit_view_class = EmployeeEditView
    copy_view_enabled = False
    search_fields = ["employee_number", "user__first_name", "user__last_name", "user__email"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return EmployeeForm
