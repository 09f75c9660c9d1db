"""The course engine: courses, their polymorphic modules, enrolments, progress and completions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from polymorphic.models import PolymorphicModel
from wagtail.fields import RichTextField

from lms.state_machine import StateMachine

from .exceptions import IllegalTransition


class Topic(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Course(models.Model):
    class Format(models.TextChoices):
        SELF_PACED = "self_paced", _("Self-paced")
        WORKSHOP = "workshop", _("Workshop")
        READING_CIRCLE = "reading_circle", _("Reading circle")
        DIALOGUE = "dialogue", _("Community dialogue")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.SELF_PACED)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=60)
    topics = models.ManyToManyField(Topic, blank=True, related_name="courses", verbose_name=_("topics"))
    is_published = models.BooleanField(_("published"), default=True)
    # On by default once a course has a final check (a post-test): see receivers.final_check_added.
    modules_in_order = models.BooleanField(
        _("learners take modules in order"),
        default=False,
        help_text=_(
            "A module opens only when the required modules before it are done, so the final check "
            "comes after the modules it tests. Turned on when a course gets its first post-test."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.title


class Module(PolymorphicModel):
    """One step of a course. Subclasses say how a learner completes it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules", verbose_name=_("course"))
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    required = models.BooleanField(_("required for completion"), default=True)

    class Meta:
        ordering = ["course", "position", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self):
        return self.title

    kind = "module"

    @property
    def kind_label(self):
        """What kind of step this is, in the reader's language ("Video", "Quiz")."""
        return self._meta.verbose_name


class ReadingModule(Module):
    body = RichTextField(_("text"), blank=True)
    resource_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resource hub page"),
    )

    kind = "reading"

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")

    def clean(self):
        super().clean()
        if not self.body and not self.resource_page_id:
            raise ValidationError(_("A reading needs text, a resource hub page, or both."))


class VideoModule(Module):
    video_file = models.FileField(
        _("video file"),
        upload_to="videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
    )
    video_url = models.URLField(_("video URL"), blank=True)
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="captions/",
        validators=[FileExtensionValidator(["vtt"])],
        help_text=_("Required: a WebVTT captions track."),
    )
    transcript = models.TextField(_("transcript"), help_text=_("Required: shown beside the video."))
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=10)

    kind = "video"

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    @property
    def playable_url(self):
        """A URL the browser's <video> element can play, or "" for a page on a video site."""
        if self.video_file:
            return self.video_file.url
        if self.video_url.lower().split("?")[0].endswith((".mp4", ".webm")):
            return self.video_url
        return ""

    def clean(self):
        super().clean()
        if not self.video_file and not self.video_url:
            raise ValidationError(_("A video needs a file or a URL."))


class QuizModule(Module):
    class Kind(models.TextChoices):
        PRE_TEST = "pre_test", _("Pre-test (not graded for pass)")
        POST_TEST = "post_test", _("Post-test")
        KNOWLEDGE_CHECK = "knowledge_check", _("Knowledge check")

    quiz_kind = models.CharField(_("quiz kind"), max_length=20, choices=Kind.choices, default=Kind.KNOWLEDGE_CHECK)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"), default=0, help_text=_("0 means unlimited attempts.")
    )
    instructions = models.TextField(_("instructions"), blank=True)

    kind = "quiz"

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @property
    def is_graded(self):
        return self.quiz_kind != self.Kind.PRE_TEST


class Question(models.Model):
    quiz = models.ForeignKey(QuizModule, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz"))
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Shown after answering."))
    # Once learners have answered the quiz a question is never deleted (their attempts keep showing it):
    # it is hidden from new attempts instead.
    hidden = models.BooleanField(_("hidden from new attempts"), default=False)

    class Meta:
        ordering = ["quiz", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    explanation = models.TextField(_("explanation"), blank=True)
    hidden = models.BooleanField(_("hidden from new attempts"), default=False)

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class ReflectionModule(Module):
    prompt = models.TextField(_("prompt"))
    min_length = models.PositiveIntegerField(_("minimum length (characters)"), default=200)

    kind = "reflection"

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")


class LiveSessionModule(Module):
    """Completed by attending live sessions of the course (see the scheduling app)."""

    description = models.TextField(_("description"), blank=True)
    required_attendances = models.PositiveSmallIntegerField(
        _("sessions to attend"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("For a reading circle: attend N of the meetings of its series."),
    )

    kind = "live_session"

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")


class Enrollment(StateMachine, models.Model):
    """A learner's place in a course. `status` changes only through `transition()`, along TRANSITIONS."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Origin(models.TextChoices):
        LEARNER = "learner", _("The learner enrolled")
        ASSIGNMENT = "assignment", _("Enrolled by a mandatory curriculum")

    # A completed course starts again on recertification; a withdrawn learner comes back by enrolling.
    TRANSITIONS = {
        Status.ACTIVE: {Status.COMPLETED, Status.WITHDRAWN},
        Status.COMPLETED: {Status.ACTIVE},
        Status.WITHDRAWN: {Status.ACTIVE},
    }
    state_field = "status"
    illegal_transition = IllegalTransition
    illegal_transition_message = _("An enrolment that is “%(current)s” cannot become “%(new)s”.")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("learner")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("course"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # An enrolment made for the learner by an assignment is not a sign that they started the course.
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.LEARNER)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    # Start of the current pass through the course: a recertification restarts it, and quiz
    # attempts before it no longer count towards the attempt limit (they stay in history).
    cycle_started_at = models.DateTimeField(_("current pass started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_module = models.ForeignKey(Module, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrollment_unique_user_course")]

    def __str__(self):
        return f"{self.user} → {self.course}"


class ModuleProgress(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [models.UniqueConstraint(fields=["enrollment", "module"], name="progress_unique_module")]

    def __str__(self):
        return f"{self.enrollment} · {self.module_id}"


class QuizAttempt(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(QuizModule, on_delete=models.CASCADE, related_name="attempts")
    answers = models.JSONField(default=dict, help_text="question id → list of chosen choice ids")
    score = models.PositiveSmallIntegerField(default=0, help_text="percent correct")
    passed = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.quiz_id}: {self.score}%"


class AttemptGrant(models.Model):
    """Extra attempts at a quiz that a training admin gave one learner, with who, when and why (the
    audit). Grants made in the enrolment's current pass raise its attempt limit."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="attempt_grants", verbose_name=_("enrolment")
    )
    quiz = models.ForeignKey(
        QuizModule, on_delete=models.CASCADE, related_name="attempt_grants", verbose_name=_("quiz")
    )
    extra_attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("extra attempt grant")
        verbose_name_plural = _("extra attempt grants")

    def __str__(self):
        return f"+{self.extra_attempts} · {self.quiz_id} · {self.enrollment_id}"


class Reflection(models.Model):
    """A learner's private reflection. Only its author ever sees the text."""

    module = models.ForeignKey(ReflectionModule, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["module", "author"], name="reflection_unique_author")]

    def __str__(self):
        # Never the text: a reflection is private to its author.
        return f"reflection {self.pk}"


class CourseCompletion(models.Model):
    """A completed course. History: a new completion never overwrites an earlier one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions", verbose_name=_("learner")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course"))
    enrollment = models.ForeignKey(
        Enrollment, null=True, blank=True, on_delete=models.SET_NULL, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed at"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=20, default="learner", help_text=_("learner, import or admin"))

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        indexes = [models.Index(fields=["user", "course", "completed_at"])]

    def __str__(self):
        return f"{self.user} ✓ {self.course} ({self.completed_at:%Y-%m-%d})"
