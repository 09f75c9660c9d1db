from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class Department(MP_Node):
    """A unit of the city organisation. Departments form a tree; a head sees their subtree."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=50, unique=True, help_text=_("Short code used in HR files."))
    heads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="headed_departments", verbose_name=_("heads")
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    def subtree(self):
        """This department and every department below it."""
        return Department.objects.filter(path__startswith=self.path)


class Employee(models.Model):
    """The employee profile of a user: who they are in the organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee", verbose_name=_("user")
    )
    employee_number = models.CharField(_("employee number"), max_length=32, unique=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="employees", verbose_name=_("department")
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Leave empty to use the city's time zone.")
    )
    active = models.BooleanField(_("active"), default=True)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["user__last_name", "user__first_name"]
        indexes = [models.Index(fields=["department", "active"])]

    def __str__(self):
        return f"{self.full_name} ({self.employee_number})"

    @property
    def full_name(self):
        return self.user.get_full_name() or self.user.get_username()
