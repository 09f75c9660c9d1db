"""Live sessions: recurring series, their sessions, registrations and calendar feeds.

Times are stored in UTC; each series and session keeps the IANA time zone its local times are meant
in, so that a recurrence keeps its local start time across daylight-saving changes.
"""

import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.state_machine import StateMachine

from .exceptions import IllegalTransition


def default_time_zone():
    return settings.TIME_ZONE


def new_uid():
    return f"{uuid.uuid4()}@commonground"


def new_secret():
    return secrets.token_urlsafe(24)


def new_calendar_token():
    return secrets.token_urlsafe(32)


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class SessionLogistics(models.Model):
    """What a series hands down to its sessions: where, in which language, for whom, how many."""

    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty to use the course's title.")
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    capacity = models.PositiveIntegerField(_("seats"), default=25, validators=[MinValueValidator(1)])
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=default_time_zone, validators=[validate_time_zone]
    )
    is_public = models.BooleanField(
        _("open to the public"),
        default=False,
        help_text=_("Community dialogue: people without an account can register with their e-mail address."),
    )
    registration_cutoff_hours = models.PositiveIntegerField(
        _("registration closes (hours before start)"),
        default=2,
        help_text=_("Cancelling after this point is still possible but recorded as late."),
    )

    class Meta:
        abstract = True

    @property
    def display_title(self):
        return self.title or self.course.title

    @property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def format(self):
        """In person, online or both (hybrid)."""
        if self.room and self.video_link:
            return "hybrid"
        return "online" if self.video_link else "in_person"

    def clean(self):
        super().clean()
        if not self.room and not self.video_link:
            raise ValidationError(_("Give a room, a video link, or both."))


class SessionSeries(SessionLogistics):
    """A recurring schedule (RFC 5545 RRULE in the series' local time) that produces Sessions."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="session_series", verbose_name=_("course")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_series", verbose_name=_("facilitators")
    )
    restricted_departments = models.ManyToManyField(
        "people.Department",
        blank=True,
        related_name="+",
        verbose_name=_("only for these departments"),
        help_text=_("Each with every department below it. Leave empty for every employee."),
    )
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at (local time)"))
    end_time = models.TimeField(_("ends at (local time)"))
    rrule = models.TextField(
        _("recurrence rule"),
        blank=True,
        help_text=_("RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU. Leave empty for a single date."),
    )
    exdates = models.JSONField(
        _("skipped dates"), default=list, blank=True, help_text=_("Local dates (YYYY-MM-DD) with no meeting.")
    )
    required_attendances = models.PositiveSmallIntegerField(
        _("meetings to attend"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Reading circle: attending this many meetings of the series completes the course's live session. "
            "Leave empty to use the course's own rule."
        ),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive series create no new sessions."))
    uid = models.CharField(max_length=120, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session series")
        verbose_name_plural = _("session series")
        ordering = ["start_date", "start_time", "id"]

    def __str__(self):
        return self.display_title

    def clean(self):
        from .recurrence import RecurrenceError, normalise_exdates, parse_rrule

        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = [_("The end must be after the start.")]
        if self.rrule and self.start_date and self.start_time:
            try:
                parse_rrule(self.rrule, self.start_date, self.start_time, self.time_zone)
            except RecurrenceError as error:
                errors["rrule"] = [str(error)]
        try:
            self.exdates = normalise_exdates(self.exdates)
        except RecurrenceError as error:
            errors["exdates"] = [str(error)]
        if errors:
            raise ValidationError(errors)


class Session(StateMachine, SessionLogistics):
    """One meeting. Sessions of a series follow the series until changed on their own (`detached`).
    `status` changes only through `transition()`, along TRANSITIONS."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    # A cancelled session stays cancelled: its registrants were told and its calendar event withdrawn.
    TRANSITIONS = {
        Status.SCHEDULED: {Status.CANCELLED},
        Status.CANCELLED: set(),
    }
    state_field = "status"
    illegal_transition = IllegalTransition
    illegal_transition_message = _("A session that is “%(current)s” cannot become “%(new)s”.")

    series = models.ForeignKey(
        SessionSeries,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("series"),
    )
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_sessions", verbose_name=_("facilitators")
    )
    restricted_departments = models.ManyToManyField(
        "people.Department",
        blank=True,
        related_name="+",
        verbose_name=_("only for these departments"),
        help_text=_("Each with every department below it. Leave empty for every employee."),
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    detached = models.BooleanField(
        _("changed on its own"), default=False, help_text=_("Changes to the series no longer apply to this session.")
    )
    original_start = models.DateTimeField(
        _("original start"), null=True, blank=True, help_text=_("The occurrence of the series it stands for.")
    )
    uid = models.CharField(max_length=120, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    checkin_secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"],
                condition=Q(series__isnull=False, original_start__isnull=False),
                name="session_unique_occurrence",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.display_title} ({self.starts_at:%Y-%m-%d %H:%M} UTC)"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("scheduling:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_over(self) -> bool:
        from django.utils import timezone

        return self.ends_at <= timezone.now()

    @property
    def seats_left(self) -> int:
        """Free seats; uses the `seats_taken` annotation of the selectors when present."""
        taken = getattr(self, "seats_taken", None)
        if taken is None:
            taken = self.registrations.filter(state__in=Registration.SEATED).count()
        return max(self.capacity - taken, 0)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.tzinfo)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.tzinfo)

    @property
    def registration_closes_at(self):
        import datetime

        return self.starts_at - datetime.timedelta(hours=self.registration_cutoff_hours)


class Registration(StateMachine, models.Model):
    """A person's place at a session. `state` changes only through `transition()`, along TRANSITIONS."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting e-mail confirmation")
        BOOKED = "booked", _("Booked")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not attend")

    # The only legal moves. A mistaken attendance mark can be corrected (attended ↔ no-show).
    TRANSITIONS = {
        State.PENDING: {State.BOOKED, State.WAITLISTED, State.CANCELLED},
        State.BOOKED: {State.CANCELLED, State.ATTENDED, State.NO_SHOW},
        State.WAITLISTED: {State.BOOKED, State.CANCELLED},
        State.ATTENDED: {State.NO_SHOW},
        State.NO_SHOW: {State.ATTENDED},
        State.CANCELLED: set(),
    }
    illegal_transition = IllegalTransition
    illegal_transition_message = _("A registration that is “%(current)s” cannot become “%(new)s”.")
    # States that hold a seat.
    SEATED = (State.BOOKED, State.ATTENDED, State.NO_SHOW)
    # States in which the person expects to come.
    ACTIVE = (State.BOOKED, State.WAITLISTED)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="session_registrations",
        verbose_name=_("employee"),
    )
    guest_name = models.CharField(_("name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("For a guest: the language of their e-mails.")
    )
    confirmation_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.BOOKED)
    waitlisted_at = models.DateTimeField(_("joined the waitlist"), null=True, blank=True)
    late_cancel = models.BooleanField(_("cancelled late"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    # Added to the session's SEQUENCE in this person's calendar messages, so that an invitation after
    # an earlier cancellation of the same event is newer than that cancellation.
    calendar_offset = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False) & ~Q(state="cancelled"),
                name="registration_unique_active_user",
            ),
            models.UniqueConstraint(
                fields=["session", "guest_email"],
                condition=Q(user__isnull=True) & ~Q(state="cancelled"),
                name="registration_unique_active_guest",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(guest_email=""), name="registration_user_or_guest"
            ),
        ]
        indexes = [
            models.Index(fields=["session", "state", "waitlisted_at"]),
            models.Index(fields=["user", "state"]),
        ]

    def __str__(self):
        return f"{self.person_name} · {self.session_id} · {self.state}"

    @property
    def is_guest(self):
        return self.user_id is None

    @property
    def person_name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.guest_name

    @property
    def email(self):
        return self.user.email if self.user_id else self.guest_email


class Accommodation(models.Model):
    """What a registered person asks for to take part (interpreter, captions, large print, step-free
    access, anything else). Kept apart from the registration so that only the places meant to show it
    reach it: the person themself and the session's facilitators (roster, reminder e-mail). Deleted
    `ACCOMMODATION_KEEP_DAYS` after the session ends (services.accommodations_forget)."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="accommodation")
    interpreter = models.BooleanField(_("an interpreter"), default=False)
    interpreter_language = models.CharField(
        _("interpreting language"),
        max_length=60,
        blank=True,
        help_text=_("For example American Sign Language, Spanish or Vietnamese."),
    )
    captioning = models.BooleanField(_("live captioning"), default=False)
    large_print = models.BooleanField(_("large-print materials"), default=False)
    wheelchair = models.BooleanField(_("wheelchair access"), default=False)
    other = models.TextField(_("something else"), max_length=500, blank=True, validators=[MaxLengthValidator(500)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accommodation request")
        verbose_name_plural = _("accommodation requests")

    def __str__(self):
        # Never what was asked for: this string can reach logs.
        return f"accommodation request {self.pk}"

    def clean(self):
        if self.interpreter and not self.interpreter_language.strip():
            raise ValidationError({"interpreter_language": _("Say which language the interpreter should use.")})
        if not self.interpreter and self.interpreter_language.strip():
            raise ValidationError({"interpreter": _("Tick “an interpreter” to ask for one, or clear the language.")})

    @property
    def is_empty(self) -> bool:
        return not (self.interpreter or self.captioning or self.large_print or self.wheelchair or self.other.strip())

    def needs(self) -> list[str]:
        """What was asked for, one phrase each, in the active language."""
        phrases = []
        if self.interpreter:
            phrases.append(_("Interpreter: %(language)s") % {"language": self.interpreter_language})
        if self.captioning:
            phrases.append(str(_("Live captioning")))
        if self.large_print:
            phrases.append(str(_("Large-print materials")))
        if self.wheelchair:
            phrases.append(str(_("Wheelchair access")))
        if self.other.strip():
            phrases.append(_("Other: %(text)s") % {"text": self.other.strip()})
        return phrases


class CalendarToken(models.Model):
    """The secret in a personal calendar feed's URL. Revocable; at most one active per person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendartoken_one_active_per_user"
            )
        ]

    def __str__(self):
        # Never the token itself.
        return f"calendar feed of {self.user_id}"


class NotificationLog(models.Model):
    """One e-mail sent. `key` (kind, registration, session, sequence…) makes sending idempotent."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sequence = models.PositiveIntegerField(default=0)
    recipient = models.EmailField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")

    def __str__(self):
        return self.key
