"""Targeted training requests: a department head asks the equity office for a training for their
department; a training admin schedules it (a session restricted to that department) or declines."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.state_machine import StateMachine

from .exceptions import IllegalTransition


class TrainingRequest(StateMachine, models.Model):
    """`status` changes only through `transition()`, along TRANSITIONS; every change is recorded as a
    TrainingRequestEvent (who, when, why)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SCHEDULED = "scheduled", _("Approved and scheduled")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.SCHEDULED, Status.DECLINED, Status.WITHDRAWN},
        Status.SCHEDULED: set(),
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
    }
    state_field = "status"
    illegal_transition = IllegalTransition
    illegal_transition_message = _("A request that is “%(current)s” cannot become “%(new)s”.")

    department = models.ForeignKey(
        "people.Department", on_delete=models.PROTECT, related_name="training_requests", verbose_name=_("department")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="training_requests",
        verbose_name=_("requested by"),
    )
    topic = models.CharField(
        _("topic"), max_length=200, blank=True, help_text=_("What the training should cover, if not a course below.")
    )
    course = models.ForeignKey(
        "courses.Course",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_requests",
        verbose_name=_("course"),
    )
    audience_size = models.PositiveIntegerField(_("expected audience"), validators=[MinValueValidator(1)])
    preferred_months = models.JSONField(_("preferred months"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    session = models.OneToOneField(
        "scheduling.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_request",
        verbose_name=_("session"),
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training request")
        verbose_name_plural = _("training requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} · {self.department}"

    @property
    def subject(self):
        return self.course.title if self.course_id and not self.topic else (self.topic or str(self.course))

    def clean(self):
        super().clean()
        if not self.topic.strip() and not self.course_id:
            raise ValidationError({"topic": _("Give a topic or choose a course.")})


class TrainingRequestEvent(models.Model):
    """The audit trail of a request: each status change with who made it, when and why."""

    request = models.ForeignKey(TrainingRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=TrainingRequest.Status.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training request event")
        verbose_name_plural = _("training request events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request_id}: {self.from_status or '—'} → {self.to_status}"
