"""Reads that build the learner's pages. Each runs a constant number of queries, whatever the number of
modules, questions or enrolments."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import (
    Choice,
    Course,
    CourseCompletion,
    Enrollment,
    Module,
    ModuleProgress,
    QuizAttempt,
    QuizModule,
    Reflection,
    ReflectionModule,
)


def published_course(slug: str) -> Course:
    """The published course with this slug; Course.DoesNotExist otherwise."""
    return Course.objects.get(slug=slug, is_published=True)


def course_modules(course: Course) -> list[Module]:
    """The course's modules in order, each as its own kind (one query per kind present)."""
    return list(Module.objects.filter(course=course).order_by("position", "id"))


@dataclass
class Step:
    """One module as the learner sees it in the outline."""

    module: Module
    number: int
    progress: ModuleProgress | None = None
    # In a course taken in order: the required step that must be done before this one opens.
    blocked_by: "Step | None" = None

    @property
    def locked(self) -> bool:
        return self.blocked_by is not None

    @property
    def done(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None

    @property
    def completed_at(self):
        return self.progress.completed_at if self.progress else None


@dataclass
class CourseOutline:
    course: Course
    enrollment: Enrollment | None
    steps: list[Step] = field(default_factory=list)

    @property
    def enrolled(self) -> bool:
        return self.enrollment is not None and self.enrollment.status != Enrollment.Status.WITHDRAWN

    @property
    def completed(self) -> bool:
        return self.enrolled and self.enrollment.status == Enrollment.Status.COMPLETED

    @property
    def required_count(self) -> int:
        return sum(1 for step in self.steps if step.module.required)

    @property
    def done_required_count(self) -> int:
        return sum(1 for step in self.steps if step.module.required and step.done)

    @property
    def percent(self) -> int:
        return percent(self.done_required_count, self.required_count, self.completed)

    def step_for(self, module_id: int) -> Step | None:
        return next((step for step in self.steps if step.module.id == module_id), None)

    def neighbours(self, step: Step) -> tuple[Step | None, Step | None]:
        index = step.number - 1
        previous = self.steps[index - 1] if index > 0 else None
        following = self.steps[index + 1] if index + 1 < len(self.steps) else None
        return previous, following

    @property
    def resume_step(self) -> Step | None:
        """Where to carry on: the first module not done yet, else the first one."""
        return next((step for step in self.steps if not step.done), self.steps[0] if self.steps else None)


def percent(done: int, total: int, completed: bool = False) -> int:
    if completed:
        return 100
    if not total:
        return 0
    return min(100, round(100 * done / total))


def course_outline(*, course: Course, user) -> CourseOutline:
    """The course's modules with the user's progress in each (only the user's own)."""
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    progress = {}
    if enrollment is not None:
        progress = {row.module_id: row for row in ModuleProgress.objects.filter(enrollment=enrollment)}
    steps = [
        Step(module=module, number=number, progress=progress.get(module.id))
        for number, module in enumerate(course_modules(course), start=1)
    ]
    if course.modules_in_order:
        _lock_after_first_incomplete(steps)
    return CourseOutline(course=course, enrollment=enrollment, steps=steps)


def _lock_after_first_incomplete(steps: list[Step]) -> None:
    """Modules in order: every step after the first required step not done yet is locked behind it
    (a step already done stays open, to look back at). Optional steps never hold the learner back."""
    blocker = next((step for step in steps if step.module.required and not step.done), None)
    if blocker is None:
        return
    for step in steps[blocker.number :]:
        if not step.done:
            step.blocked_by = blocker


def quiz_questions(quiz: QuizModule):
    """The questions with their choices; `multiple` is True when several choices are right (the form
    then offers checkboxes instead of radio buttons)."""
    visible_choices = Prefetch("choices", queryset=Choice.objects.filter(hidden=False))
    questions = list(quiz.questions.filter(hidden=False).prefetch_related(visible_choices))
    for question in questions:
        question.multiple = sum(1 for choice in question.choices.all() if choice.is_correct) > 1
    return questions


def quiz_attempts(*, enrollment: Enrollment, quiz: QuizModule) -> list[QuizAttempt]:
    """The enrolment's attempts at the quiz in its current pass, newest first."""
    return list(
        QuizAttempt.objects.filter(enrollment=enrollment, quiz=quiz, submitted_at__gte=enrollment.cycle_started_at)
    )


def attempts_granted(*, enrollment: Enrollment, quiz: QuizModule) -> int:
    """Extra attempts training admins granted in the enrolment's current pass."""
    from django.db.models import Sum

    from .models import AttemptGrant

    grants = AttemptGrant.objects.filter(enrollment=enrollment, quiz=quiz, granted_at__gte=enrollment.cycle_started_at)
    return grants.aggregate(total=Sum("extra_attempts"))["total"] or 0


def attempts_left(quiz: QuizModule, used: int, granted: int = 0) -> int | None:
    """None when the quiz has no attempt limit; `granted` extra attempts raise the limit."""
    if not quiz.attempt_limit:
        return None
    return max(0, quiz.attempt_limit + granted - used)


def learner_attempt(*, user, quiz: QuizModule, attempt_id: int) -> QuizAttempt:
    """One of the user's own attempts at this quiz; QuizAttempt.DoesNotExist for anyone else's."""
    return QuizAttempt.objects.select_related("enrollment").get(
        pk=attempt_id, quiz=quiz, enrollment__user=user, enrollment__course_id=quiz.course_id
    )


@dataclass
class AnswerReview:
    question: object
    number: int
    chosen_ids: set
    right: bool


def attempt_questions(attempt: QuizAttempt):
    """The questions a past attempt answered, with every choice they offered, hidden ones included:
    an attempt keeps showing what was picked after the quiz changes."""
    answered = {int(question_id) for question_id in attempt.answers if str(question_id).isdigit()}
    return list(attempt.quiz.questions.filter(Q(pk__in=answered) | Q(hidden=False)).prefetch_related("choices"))


def attempt_review(attempt: QuizAttempt, questions) -> list[AnswerReview]:
    review = []
    for number, question in enumerate(questions, start=1):
        chosen = {int(choice_id) for choice_id in attempt.answers.get(str(question.id), [])}
        correct = {choice.id for choice in question.choices.all() if choice.is_correct}
        review.append(AnswerReview(question=question, number=number, chosen_ids=chosen, right=chosen == correct))
    return review


def reflection_of(*, author, module: ReflectionModule) -> Reflection | None:
    """The author's own reflection: the only way the project reads a reflection."""
    return Reflection.objects.filter(author=author, module=module).first()


def learner_enrollments(user):
    """The user's current enrolments in published courses with required/done module counts,
    most recently active first."""
    required = (
        Module.objects.non_polymorphic()
        .filter(course=OuterRef("course_id"), required=True)
        .order_by()
        .values("course")
        .annotate(count=Count("id"))
        .values("count")
    )
    done = (
        ModuleProgress.objects.filter(enrollment=OuterRef("pk"), completed_at__isnull=False, module__required=True)
        .order_by()
        .values("enrollment")
        .annotate(count=Count("id"))
        .values("count")
    )
    enrollments = (
        Enrollment.objects.filter(user=user, course__is_published=True)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course", "last_module")
        .annotate(
            required_count=Coalesce(Subquery(required, output_field=IntegerField()), Value(0)),
            done_count=Coalesce(Subquery(done, output_field=IntegerField()), Value(0)),
        )
        .order_by("-last_activity_at", "-enrolled_at")
    )
    enrollments = list(enrollments)
    for enrollment in enrollments:
        enrollment.percent = percent(
            enrollment.done_count, enrollment.required_count, enrollment.status == Enrollment.Status.COMPLETED
        )
    return enrollments


def learner_completions(user) -> list[CourseCompletion]:
    """The latest completion of each course the user has completed, newest first."""
    latest = {}
    for completion in CourseCompletion.objects.filter(user=user).select_related("course"):
        latest.setdefault(completion.course_id, completion)  # ordered newest first
    return list(latest.values())


# Where the course catalogue is published is the CMS's business; the engine never imports the CMS,
# so the CMS registers a finder (cms/apps.py) and the engine asks it.
_catalogue_url_finders = []


def register_catalogue_url_finder(finder) -> None:
    """`finder(request)` returns the URL of the course catalogue for that reader, or None."""
    if finder not in _catalogue_url_finders:
        _catalogue_url_finders.append(finder)


def course_catalogue_url(request) -> str:
    """Where to find courses: the first registered finder's answer, else the home page."""
    for finder in _catalogue_url_finders:
        url = finder(request)
        if url:
            return url
    return "/"


@dataclass
class QuizStanding:
    quiz: QuizModule
    used: int
    granted: int
    left: int | None  # None: no limit
    passed: bool


@dataclass
class Participant:
    enrollment: Enrollment
    percent: int
    quizzes: list[QuizStanding]


def course_participants(course: Course) -> tuple[list[Participant], list]:
    """Everyone enrolled in the course (for training admins): progress, and for each quiz the attempts
    used in the current pass, the extra attempts granted and what is left; plus every grant, newest
    first (the audit). A constant number of queries whatever the number of people."""
    from django.db.models import F, Q

    from .models import AttemptGrant

    enrollments = list(Enrollment.objects.filter(course=course).select_related("user").order_by("user__last_name"))
    modules = list(Module.objects.non_polymorphic().filter(course=course, required=True).values_list("pk", flat=True))
    quizzes = list(QuizModule.objects.filter(course=course).order_by("position"))
    done = dict(
        ModuleProgress.objects.filter(enrollment__course=course, module_id__in=modules, completed_at__isnull=False)
        .values("enrollment")
        .annotate(n=Count("pk"))
        .values_list("enrollment", "n")
    )
    in_pass = {"submitted_at__gte": F("enrollment__cycle_started_at")}
    used = {
        (row["enrollment"], row["quiz"]): (row["n"], row["passed"])
        for row in QuizAttempt.objects.filter(enrollment__course=course, **in_pass)
        .values("enrollment", "quiz")
        .annotate(n=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    }
    grants = list(
        AttemptGrant.objects.filter(enrollment__course=course).select_related("enrollment__user", "quiz", "granted_by")
    )
    granted = {}
    for grant in grants:
        if grant.granted_at >= grant.enrollment.cycle_started_at:
            key = (grant.enrollment_id, grant.quiz_id)
            granted[key] = granted.get(key, 0) + grant.extra_attempts
    participants = []
    for enrollment in enrollments:
        standings = []
        for quiz in quizzes:
            count, passes = used.get((enrollment.pk, quiz.pk), (0, 0))
            extra = granted.get((enrollment.pk, quiz.pk), 0)
            standings.append(QuizStanding(quiz, count, extra, attempts_left(quiz, count, extra), bool(passes)))
        completed = enrollment.status == Enrollment.Status.COMPLETED
        participants.append(
            Participant(enrollment, percent(done.get(enrollment.pk, 0), len(modules), completed), standings)
        )
    return participants, grants
