from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from lms.state_machine import StateMachine

from . import codes
from .exceptions import IllegalTransition

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #1f4e79."))

DEFAULT_ORGANISATION = "City of Common Ground"
DEFAULT_ISSUER = "Office of Equity and Inclusion"
DEFAULT_COLOUR = "#1f4e79"


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate of this site says about who issues it, and how it looks."""

    organisation_name = models.CharField(_("organisation name"), max_length=200, default=DEFAULT_ORGANISATION)
    issuer = models.CharField(
        _("issuer"),
        max_length=200,
        default=DEFAULT_ISSUER,
        help_text=_("The office that issues certificates, printed under the organisation's name."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Printed at the top of certificates. A wide PNG or JPEG on a white background works best."),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default=DEFAULT_COLOUR, validators=[hex_colour]
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate settings")


class Certificate(StateMachine, models.Model):
    """A certificate of completion of a course (or of a curriculum).

    Everything it says is frozen at issuance (the snapshot fields), so later edits to a name or a
    course title do not change a certificate someone already holds. `status` changes only through
    `transition()`, along TRANSITIONS."""

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        REVOKED = "revoked", _("revoked")
        SUPERSEDED = "superseded", _("superseded")

    # The one place that says which status changes are allowed. "Expired" is not a status: a valid
    # certificate past its expiry date is expired (see `state`).
    TRANSITIONS = {
        Status.VALID: {Status.REVOKED, Status.SUPERSEDED},
        Status.SUPERSEDED: {Status.REVOKED},
        Status.REVOKED: set(),
    }
    state_field = "status"
    changed_at_field = "status_changed_at"
    illegal_transition = IllegalTransition
    illegal_transition_message = _("A %(current)s certificate cannot become %(new)s.")

    class State(models.TextChoices):
        """What the verify page and lists show: the status, with expiry applied."""

        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")
        SUPERSEDED = "superseded", _("superseded")

    code = models.CharField(_("code"), max_length=codes.LENGTH, unique=True, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    course = models.ForeignKey(
        "courses.Course",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    completion = models.ForeignKey(
        "courses.CourseCompletion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course completion"),
    )
    # A curriculum certificate: the curriculum and the assignment it completed. PROTECT, like the
    # course above: a certificate keeps its history, so what it certifies cannot be deleted under it.
    curriculum = models.ForeignKey(
        "curricula.Curriculum",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("curriculum"),
    )
    curriculum_assignment = models.ForeignKey(
        "curricula.Assignment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("assignment"),
    )
    # Idempotency key of the event that earned the certificate ("completion:12",
    # "curriculum-assignment:7:1769878800"). One original certificate per key; a re-issue
    # `replaces` an earlier certificate and repeats its key.
    source_key = models.CharField(max_length=100, editable=False)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("re-issue of"),
    )

    completed_at = models.DateTimeField(_("completed at"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_on = models.DateField(_("issue date"))
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)

    # The snapshot: what the certificate says, in the holder's language at issuance.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    holder_name = models.CharField(_("holder's name"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, default=0)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=200)
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VALID)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    holder_notified_at = models.DateTimeField(_("holder told at"), null=True, blank=True, editable=False)
    revocation_notified_at = models.DateTimeField(
        _("holder told of the revocation at"), null=True, blank=True, editable=False
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("superseded by"),
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # Retries, duplicate events and concurrent workers can never issue two certificates for
            # one completion: the database refuses the second.
            models.UniqueConstraint(
                fields=["source_key"], condition=Q(replaces__isnull=True), name="certificate_one_per_source"
            ),
            models.CheckConstraint(
                condition=Q(course__isnull=False, curriculum__isnull=True)
                | Q(course__isnull=True, curriculum__isnull=False),
                name="certificate_course_or_curriculum",
            ),
        ]
        indexes = [
            models.Index(fields=["holder", "course", "status"]),
            models.Index(fields=["holder", "curriculum", "status"]),
        ]

    def __str__(self):
        return f"{self.display_code} · {self.holder_name} · {self.title}"

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    def state_on(self, day) -> str:
        if self.status != self.Status.VALID:
            return self.status
        if self.expires_on is not None and self.expires_on < day:
            return self.State.EXPIRED
        return self.State.VALID

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)


class CertificateEvent(models.Model):
    """The audit trail of a certificate: who issued, revoked, superseded or re-issued it, and why."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("issued")
        REVOKED = "revoked", _("revoked")
        SUPERSEDED = "superseded", _("superseded")
        REISSUED = "reissued", _("re-issued")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")

    def __str__(self):
        return f"{self.certificate_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
