from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from lms.import_jobs import ImportJob


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


class ImportRun(models.Model):
    """The audit record of one HR import: who ran it, when, on which file, and what it did."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        DRY_RUN = "dry_run", _("Dry run (nothing written)")
        REJECTED = "rejected", _("Rejected (nothing written)")

    class Source(models.TextChoices):
        COMMAND = "command", _("Command line")
        ADMIN = "admin", _("Admin upload")

    started_at = models.DateTimeField(_("run at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("run by"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file checksum (SHA-256)"), max_length=64)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    employees_created = models.PositiveIntegerField(_("employees created"), default=0)
    employees_updated = models.PositiveIntegerField(_("employees updated"), default=0)
    employees_unchanged = models.PositiveIntegerField(_("employees unchanged"), default=0)
    departments_created = models.PositiveIntegerField(_("departments created"), default=0)
    departments_updated = models.PositiveIntegerField(_("departments updated"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True, help_text="[[line, message], …]")

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("HR import")
        verbose_name_plural = _("HR imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_outcome_display()}, {self.started_at:%Y-%m-%d %H:%M})"


class HRImportJob(ImportJob):
    """An HR file applied by a task (lms/import_jobs.py); `run` is its audit record once it has run."""

    run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("HR import")
    )

    class Meta(ImportJob.Meta):
        verbose_name = _("HR import job")
        verbose_name_plural = _("HR import jobs")
