"""Voluntary self-identification, kept in its own tables, apart from HR data.

Nothing here is registered in the Wagtail admin, exported, e-mailed or logged per person: the only page
that shows a person's answers is their own. Withdrawing deletes the answers; what remains is the date.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class SelfIdentification(models.Model):
    """One person's current answers (the rows below) and when they agreed to give them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    consented_at = models.DateTimeField(_("consented at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("self-identification")
        verbose_name_plural = _("self-identifications")

    def __str__(self):
        return f"self-identification #{self.pk}"  # never the person's answers


class IdentityAnswer(models.Model):
    """One choice: an option or a detail of a question, and the group it counts toward."""

    self_identification = models.ForeignKey(SelfIdentification, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=50)
    choice = models.CharField(max_length=80)
    group = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["self_identification", "question", "choice"], name="insights_answer_once")
        ]
        indexes = [models.Index(fields=["question", "group"])]

    def __str__(self):
        return f"answer #{self.pk}"


class IdentityWriteIn(models.Model):
    """A write-in answer. Shown to its author only; in figures it counts toward "another identity"."""

    self_identification = models.ForeignKey(SelfIdentification, on_delete=models.CASCADE, related_name="write_ins")
    question = models.CharField(max_length=50)
    text = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["self_identification", "question"], name="insights_write_in_once")
        ]

    def __str__(self):
        return f"write-in #{self.pk}"


class SelfIdentificationWithdrawal(models.Model):
    """That a person withdrew their answers, and when: no content."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"))

    class Meta:
        ordering = ["-withdrawn_on", "-pk"]

    def __str__(self):
        return f"withdrawal #{self.pk}"


@register_setting(icon="help")
class InsightsSettings(BaseSiteSetting):
    """The purpose statement of the self-identification page, written by training admins (translated)."""

    purpose = models.TextField(
        _("purpose statement"),
        blank=True,
        help_text=_(
            "What is collected, why, who sees what and how long it is kept. Leave empty to show the standard statement."
        ),
    )

    class Meta:
        verbose_name = _("self-identification settings")


class InsightsSnapshot(models.Model):
    """The protected figures of one question for the whole organisation, as of `taken_at`: only what
    may be published (suppressed cells are stored as null), so no small count is kept anywhere.
    Every viewer sees a part of the same snapshot, which keeps suppression consistent between viewers."""

    question = models.CharField(max_length=50)
    taken_at = models.DateTimeField(db_index=True)
    k = models.PositiveSmallIntegerField()
    data = models.JSONField()
    # How many people's changes wait for a later release (releases.py): not shown, for the analysts' log.
    deferred = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        indexes = [models.Index(fields=["question", "-taken_at"])]

    def __str__(self):
        return f"{self.question} {self.taken_at:%Y-%m-%d}"


class InsightsReleaseMember(models.Model):
    """A person as the last published figures of one question counted them: what the next release is
    compared with, and how a change that must wait is counted meanwhile (releases.py). Rewritten with
    every release; a withdrawal replaces the groups with ["withdrawn"] at once, so nothing of the answers
    outlives it. The row outlives the account (user set to null): someone who left has changed too."""

    question = models.CharField(max_length=50)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    department = models.IntegerField()
    groups = models.JSONField(default=list)
    layers = models.JSONField(default=list)
    scores = models.JSONField(default=list)
    group_region = models.CharField(max_length=20)
    everyone_region = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question"]), models.Index(fields=["user"])]

    def __str__(self):
        return f"release member #{self.pk}"  # never the person


class InsightsAccess(models.Model):
    """The audit of /insights/: who looked at or exported which table, for which scope, and when."""

    class Format(models.TextChoices):
        PAGE = "page", _("Page")
        CSV = "csv", _("CSV export")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("user"), max_length=150)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    table = models.CharField(_("table"), max_length=80)
    scope = models.CharField(_("scope"), max_length=200)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.table} {self.at:%Y-%m-%d %H:%M}"


class InsightsMonth(models.Model):
    """One month of the trends: counts of everyone (no groups) per department subtree and for the
    organisation, `{row: {measure: count}}`. The nightly snapshot rewrites the current month, so a past
    month keeps its last night; months before the first snapshot are reconstructed from dates."""

    class Source(models.TextChoices):
        NIGHTLY = "nightly", _("Nightly snapshot")
        RECONSTRUCTED = "reconstructed", _("Reconstructed from dates")

    month = models.DateField(_("month"), unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    data = models.JSONField()
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["month"]

    def __str__(self):
        return f"{self.month:%Y-%m} ({self.source})"
