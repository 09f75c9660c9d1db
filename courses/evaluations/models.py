"""Anonymous session and course evaluations.

An `EvaluationResponse` holds the answers and only the context they are about (the course, and the
session when there was one) and the date: no person, no registration, no enrolment, no time of day.
Its key is a random UUID, so its rows have no sequence that could be lined up with the receipts.
An `EvaluationReceipt` records that a person has answered (so they cannot answer twice) and nothing of
what they said; the two are written in one transaction but share no key, no time and no order.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX = 1000
RATING = [MinValueValidator(1), MaxValueValidator(5)]
SKILL_SLOTS = (1, 2, 3)


class EvaluationForm(models.Model):
    """The "before / now" skills a course's evaluation asks about (two or three), set by training admins.
    A course without a form asks the default skills."""

    course = models.OneToOneField(
        "courses.Course", on_delete=models.CASCADE, related_name="evaluation_form", verbose_name=_("course")
    )
    skill_1 = models.CharField(_("first skill"), max_length=200)
    skill_2 = models.CharField(_("second skill"), max_length=200)
    skill_3 = models.CharField(_("third skill (optional)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evaluation form")
        verbose_name_plural = _("evaluation forms")

    def __str__(self):
        return str(self.course)

    @property
    def skills(self) -> list[str]:
        return [skill for skill in (self.skill_1, self.skill_2, self.skill_3) if skill]


class EvaluationResponse(models.Model):
    """One anonymous response. Nothing here leads to its author (tests/evaluations/test_anonymity.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey("scheduling.Session", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("submitted on"))
    relevance = models.PositiveSmallIntegerField(_("relevance to my work"), validators=RATING)
    facilitation = models.PositiveSmallIntegerField(_("facilitation"), null=True, blank=True, validators=RATING)
    recommend = models.PositiveSmallIntegerField(_("would recommend"), validators=RATING)
    skill_1_before = models.PositiveSmallIntegerField(validators=RATING)
    skill_1_now = models.PositiveSmallIntegerField(validators=RATING)
    skill_2_before = models.PositiveSmallIntegerField(validators=RATING)
    skill_2_now = models.PositiveSmallIntegerField(validators=RATING)
    skill_3_before = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    skill_3_now = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    comment = models.TextField(
        _("comment"), max_length=COMMENT_MAX, blank=True, validators=[MaxLengthValidator(COMMENT_MAX)]
    )

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        indexes = [models.Index(fields=["course", "session"])]

    def __str__(self):
        return f"evaluation response {self.submitted_on:%Y-%m-%d}"


class EvaluationReceipt(models.Model):
    """That a person has evaluated a session (or a course they completed), to stop a second response.
    It says nothing of the response and keeps only the date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("scheduling.Session", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    received_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=models.Q(session__isnull=False),
                name="evaluations_one_per_session",
            ),
            models.UniqueConstraint(
                fields=["user", "course"], condition=models.Q(session__isnull=True), name="evaluations_one_per_course"
            ),
        ]

    def __str__(self):
        return f"evaluation receipt {self.received_on:%Y-%m-%d}"
