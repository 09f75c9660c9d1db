"""Mandatory curricula: who must complete which courses by when, and how often again.

A `Curriculum` says which courses, for whom (the audience rule), by when (the due rule) and how
often again (recertification). An `Assignment` ties one person to one curriculum; its `state` moves
only through `Assignment.transition()`, along `Assignment.TRANSITIONS`. Every certification is kept as a
`CertificationRecord` (history, never overwritten) and every manual decision as an
`AssignmentEvent` (who, when, why).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.state_machine import StateMachine

from .exceptions import IllegalTransition


class Curriculum(models.Model):
    class Requirement(models.TextChoices):
        ALL = "all", _("All of its courses")
        SOME = "some", _("A number of its courses")

    class DueRule(models.TextChoices):
        AFTER_ASSIGNMENT = "after_assignment", _("A number of days after assignment")
        FIXED_DATE = "fixed_date", _("A fixed date")

    class ExpiryMethod(models.TextChoices):
        COMPLETION_DATE = "completion_date", _("From the completion date")
        PREVIOUS_EXPIRY = "previous_expiry", _("From the previous expiry date")
        FIXED_DATE = "fixed_date", _("On a fixed date every year")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("code"), max_length=100, unique=True, help_text=_("Short stable code, used in import files and reports.")
    )
    description = models.TextField(_("description"), blank=True)
    courses = models.ManyToManyField("courses.Course", related_name="curricula", verbose_name=_("courses"))
    requirement = models.CharField(
        _("requirement"), max_length=10, choices=Requirement.choices, default=Requirement.ALL
    )
    min_courses = models.PositiveSmallIntegerField(
        _("courses required"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_('With "a number of its courses": how many of them a person must complete.'),
    )

    # Audience: every active employee who matches every criterion that is set (none set: everyone).
    audience_departments = models.ManyToManyField(
        "people.Department",
        blank=True,
        related_name="targeting_curricula",
        verbose_name=_("departments"),
        help_text=_("People in these departments or any department below them. Leave empty for every department."),
    )
    audience_job_titles = models.TextField(
        _("job titles"),
        blank=True,
        help_text=_("One job title per line (not case-sensitive). Leave empty for every job title."),
    )
    audience_hired_within_days = models.PositiveIntegerField(
        _("hired within (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Only new hires: people hired within this many days are assigned. They keep the assignment "
            "once it is made. Leave empty for everyone."
        ),
    )

    due_rule = models.CharField(_("due"), max_length=20, choices=DueRule.choices, default=DueRule.AFTER_ASSIGNMENT)
    due_days = models.PositiveIntegerField(
        _("days to complete"), default=30, help_text=_("With a due date after assignment: how many days people have.")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, help_text=_("With a fixed due date."))

    recert_period_months = models.PositiveSmallIntegerField(
        _("certification period (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How long a certification lasts. Leave empty when it never needs renewing."),
    )
    recert_window_days = models.PositiveIntegerField(
        _("renewal window (days)"),
        default=60,
        help_text=_("The window opens this many days before expiry; a completion inside it renews the certification."),
    )
    expiry_method = models.CharField(
        _("next expiry"), max_length=20, choices=ExpiryMethod.choices, default=ExpiryMethod.COMPLETION_DATE
    )
    expiry_month = models.PositiveSmallIntegerField(
        _("fixed expiry month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    expiry_day = models.PositiveSmallIntegerField(
        _("fixed expiry day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )

    # Reminders (sent by the reminder tasks; a send log keeps each notice to once).
    reminder_days_before_due = models.CharField(
        _("reminders before the due date (days)"),
        max_length=100,
        blank=True,
        default="14,3",
        help_text=_("Comma-separated, e.g. 14,3. Leave empty for no reminders."),
    )
    overdue_notice = models.BooleanField(_("overdue notice"), default=True)
    head_digest_every_days = models.PositiveSmallIntegerField(
        _("department head digest every (days)"),
        null=True,
        blank=True,
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_("How often heads receive the list of overdue people in their departments. Empty: never."),
    )
    window_open_notice = models.BooleanField(_("renewal window notice"), default=True)

    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive curricula assign nobody; their assignments end.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def __str__(self):
        return self.name

    @property
    def job_titles(self) -> list[str]:
        return [line.strip() for line in self.audience_job_titles.splitlines() if line.strip()]

    @property
    def reminder_days(self) -> list[int]:
        """Days before the due date on which to remind, largest first; invalid entries are refused by clean()."""
        days = set()
        for part in self.reminder_days_before_due.split(","):
            part = part.strip()
            if part.isdigit():
                days.add(int(part))
        return sorted(days, reverse=True)

    def clean(self):
        super().clean()
        errors = {}
        if self.requirement == self.Requirement.SOME and not self.min_courses:
            errors["min_courses"] = _("Say how many of the courses a person must complete.")
        if self.due_rule == self.DueRule.FIXED_DATE and not self.due_date:
            errors["due_date"] = _("Give the fixed due date.")
        if self.expiry_method == self.ExpiryMethod.FIXED_DATE and self.recert_period_months:
            if not self.expiry_month or not self.expiry_day:
                errors["expiry_month"] = _("Give the month and day on which certifications expire.")
            elif self.expiry_day > (29 if self.expiry_month == 2 else 30 if self.expiry_month in (4, 6, 9, 11) else 31):
                errors["expiry_day"] = _("That month does not have that many days.")
        if self.recert_period_months and self.recert_window_days >= self.recert_period_months * 28:
            errors["recert_window_days"] = _("The renewal window must be shorter than the certification period.")
        for part in self.reminder_days_before_due.split(","):
            if part.strip() and not part.strip().isdigit():
                errors["reminder_days_before_due"] = _("Use whole numbers of days separated by commas, e.g. 14,3.")
                break
        if errors:
            raise ValidationError(errors)


class Assignment(StateMachine, models.Model):
    """One person's obligation to complete one curriculum. Ended assignments stay as history; at most
    one assignment per person and curriculum is current (ended_at is null). `state` changes only
    through `transition()` (or `bulk_transition()`), along TRANSITIONS."""

    class State(models.TextChoices):
        ASSIGNED = "assigned", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        OVERDUE = "overdue", _("Overdue")
        COMPLETE = "complete", _("Certified")
        WINDOW_OPEN = "window_open", _("Due for renewal")
        EXPIRED = "expired", _("Expired")

    # The one place that says how an assignment's state may change:
    #
    #     assigned ──► in progress ──► complete (certified) ──► window open ──► expired
    #         │             │               ▲       ▲               │              │
    #         └──► overdue ◄┘               │       └── renewed ────┘              │
    #                └──────────────────────┘ (late completion)   certified again ◄┘
    #
    # Overdue is stored (not only derived) so that reports and reminders can filter on it; it is left
    # again when the person completes, or when an extension or exemption lifts it.
    TRANSITIONS = {
        State.ASSIGNED: {State.IN_PROGRESS, State.OVERDUE, State.COMPLETE},
        State.IN_PROGRESS: {State.ASSIGNED, State.OVERDUE, State.COMPLETE},
        State.OVERDUE: {State.ASSIGNED, State.IN_PROGRESS, State.COMPLETE},
        State.COMPLETE: {State.WINDOW_OPEN, State.EXPIRED},
        State.WINDOW_OPEN: {State.COMPLETE, State.EXPIRED},
        State.EXPIRED: {State.COMPLETE},
    }
    changed_at_field = "state_changed_at"
    illegal_transition = IllegalTransition
    illegal_transition_message = _("An assignment cannot go from %(current)s to %(new)s.")
    CERTIFIED = (State.COMPLETE, State.WINDOW_OPEN)
    NOT_CERTIFIED_YET = (State.ASSIGNED, State.IN_PROGRESS, State.OVERDUE)

    class EndReason(models.TextChoices):
        LEFT_AUDIENCE = "left_audience", _("No longer in the audience")
        DEACTIVATED = "deactivated", _("Employee no longer active")
        CURRICULUM_INACTIVE = "curriculum_inactive", _("Curriculum no longer active")

    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("curriculum")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="curriculum_assignments",
        verbose_name=_("employee"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ASSIGNED)
    assigned_at = models.DateTimeField(_("assigned at"))
    due_on = models.DateField(_("due on"))
    completed_at = models.DateTimeField(_("certified at"), null=True, blank=True, help_text=_("Latest certification."))
    expires_on = models.DateField(_("expires on"), null=True, blank=True, help_text=_("Current expiry."))
    window_opens_on = models.DateField(_("renewal window opens on"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)

    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=30, choices=EndReason.choices, blank=True)

    exempt = models.BooleanField(_("exempt"), default=False)
    exemption_reason = models.TextField(_("exemption reason"), blank=True)
    exempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exempted_at = models.DateTimeField(_("exempted at"), null=True, blank=True)

    extended_due_on = models.DateField(_("extended due date"), null=True, blank=True)
    extension_reason = models.TextField(_("extension reason"), blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "user"],
                condition=Q(ended_at__isnull=True),
                name="assignment_one_current_per_curriculum_user",
            )
        ]
        indexes = [
            models.Index(fields=["user", "ended_at"]),
            models.Index(fields=["curriculum", "ended_at", "state"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.curriculum_id} ({self.state})"

    @property
    def effective_due_on(self):
        """The due date that counts: the extension when one was granted."""
        return self.extended_due_on or self.due_on


class ComplianceRollup(models.Model):
    """How many current assignments of active employees one department holds for one curriculum in
    one state, exempt or not: what the compliance pages add up instead of reading every assignment.
    Kept exact in the transaction of every assignment or employee change (courses.curricula.rollups);
    a nightly task recomputes it from the assignments and repairs any drift. Keyed by department, not
    by tree path, so moving a department in the tree changes no row: subtree totals are summed on
    the paths when read."""

    department = models.ForeignKey("people.Department", on_delete=models.CASCADE, related_name="+")
    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=20, choices=Assignment.State.choices)
    exempt = models.BooleanField(default=False)
    assignments = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("compliance rollup")
        verbose_name_plural = _("compliance rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "curriculum", "state", "exempt"], name="compliance_rollup_one_row_per_key"
            )
        ]

    def __str__(self):
        return f"{self.department_id} · {self.curriculum_id} · {self.state}{' (exempt)' if self.exempt else ''}"


class CertificationRecord(models.Model):
    """One certification of an assignment: the curriculum was completed at `completed_at` and the
    certification runs until `expires_on` (null: never expires). Never overwritten."""

    class Kind(models.TextChoices):
        FIRST = "first", _("First certification")
        RENEWAL = "renewal", _("Renewed inside the window")
        AFTER_EXPIRY = "after_expiry", _("Certified again after expiry")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="certifications", verbose_name=_("assignment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FIRST)
    completed_at = models.DateTimeField(_("completed at"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["assignment", "completed_at"]
        verbose_name = _("certification record")
        verbose_name_plural = _("certification records")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "completed_at"], name="certification_unique_completion")
        ]

    def __str__(self):
        return f"{self.assignment_id} ✓ {self.completed_at:%Y-%m-%d}"


class AssignmentEvent(models.Model):
    """Audit trail of an assignment: who did what, when and why. Append-only."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        ENDED = "ended", _("Ended")
        CERTIFIED = "certified", _("Certified")
        EXEMPTED = "exempted", _("Exemption granted")
        EXEMPTION_REVOKED = "exemption_revoked", _("Exemption revoked")
        EXTENDED = "extended", _("Extension granted")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["assignment", "at", "id"]
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")

    def __str__(self):
        return f"{self.assignment_id}: {self.kind}"


# Operations of training admins and of the reminder tasks --------------------------------------------


class CompletionImport(models.Model):
    """Audit of one import of earlier course completions (command or admin upload): who, when, which
    file and what it did. A rejected or dry-run file is recorded too, with nothing written."""

    class Source(models.TextChoices):
        COMMAND = "command", _("Command line")
        ADMIN = "admin", _("Admin upload")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        DRY_RUN = "dry_run", _("Checked only (dry run)")
        REJECTED = "rejected", _("Rejected")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("completions recorded"), default=0)
    unchanged = models.PositiveIntegerField(_("already recorded"), default=0)
    certified = models.PositiveIntegerField(_("assignments changed"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True, help_text=_("[line, message] pairs."))
    notes = models.JSONField(
        _("source notes"), default=list, blank=True, help_text=_("The file's source_note of each row that had one.")
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("completion import")
        verbose_name_plural = _("completion imports")

    def __str__(self):
        return f"{self.file_name} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def started_at(self):
        """When the run began: the name the import screen's history shares with people.ImportRun."""
        return self.at


class ReminderLog(models.Model):
    """One notice sent. The unique constraints make every notice idempotent: the row is inserted in
    the transaction that sends the e-mail, so a retried or re-run job finds it and sends nothing."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Reminder before the due date")
        OVERDUE = "overdue", _("Overdue notice")
        WINDOW_OPEN = "window_open", _("Renewal window open")
        HEAD_DIGEST = "head_digest", _("Department head digest")
        HEAD_REMINDER = "head_reminder", _("Reminder sent by a department head")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # What makes the notice distinct: the due date and reminder day, the expiry, the digest period.
    cycle_key = models.CharField(_("cycle"), max_length=64)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
        help_text=_("The person who asked for the reminder; empty for the scheduled notices."),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "cycle_key"],
                condition=Q(assignment__isnull=False),
                name="reminder_once_per_assignment_cycle",
            ),
            models.UniqueConstraint(
                fields=["recipient", "curriculum", "kind", "cycle_key"],
                condition=Q(assignment__isnull=True),
                name="reminder_digest_once_per_period",
            ),
            # A head's reminder reaches a person at most once a day, whichever row or curriculum it
            # was sent from (cycle_key is the day).
            models.UniqueConstraint(
                fields=["recipient", "kind", "cycle_key"],
                condition=Q(kind="head_reminder"),
                name="head_reminder_once_a_day_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id} ({self.cycle_key})"


def _export_upload_to(instance, filename):
    # An unguessable folder: the file is only ever served through the owner's download view.
    return f"compliance-exports/{uuid.uuid4().hex}/{filename}"


class ExportJob(StateMachine, models.Model):
    """A compliance export too large to stream within a request, built by a django-q2 task for the
    person who asked (`owner`) with that person's scope at the time it runs. The file is kept for
    `EXPORT_JOB_KEEP_DAYS` days for its owner alone, then deleted."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    TRANSITIONS = {
        State.QUEUED: {State.RUNNING, State.FAILED},
        State.RUNNING: {State.READY, State.FAILED},
        State.READY: set(),
        State.FAILED: set(),
    }
    changed_at_field = "state_changed_at"
    illegal_transition = IllegalTransition
    illegal_transition_message = _("An export cannot go from %(current)s to %(new)s.")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliance_exports", verbose_name=_("owner")
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    curriculum = models.ForeignKey(
        Curriculum, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("curriculum")
    )
    department = models.ForeignKey(
        "people.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("department"),
    )
    filename = models.CharField(_("file name"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=_export_upload_to, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kept until"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("compliance export")
        verbose_name_plural = _("compliance exports")
        indexes = [models.Index(fields=["owner", "expires_at"])]

    def __str__(self):
        return self.filename

    @property
    def percent_done(self) -> int:
        if self.state == self.State.READY:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0
