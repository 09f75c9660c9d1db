"""Writes of the course engine. Each function is keyword-only, atomic and says what it guarantees."""

from array import array
from collections.abc import Iterable, Mapping, Sequence

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from . import selectors
from .exceptions import (
    AttemptLimitReached,
    CourseHasEnrollments,
    InvalidAnswer,
    ModuleHasLearnerWork,
    NotCompletableHere,
    NotEnrolled,
    ReflectionTooLong,
    ReflectionTooShort,
)
from .models import (
    AttemptGrant,
    Choice,
    Course,
    CourseCompletion,
    Enrollment,
    Module,
    ModuleProgress,
    QuizAttempt,
    QuizModule,
    ReadingModule,
    Reflection,
    ReflectionModule,
    VideoModule,
)
from .signals import course_completed, course_completions_recorded

REFLECTION_MAX_LENGTH = 20_000


@transaction.atomic
def enrollment_create(*, user, course: Course) -> tuple[Enrollment, bool]:
    """Enrol `user` in `course`. Enrolling twice is harmless: the existing enrolment is returned
    (and re-activated if it had been withdrawn). Returns (enrollment, created)."""
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.get_or_create(user=user, course=course)
    except IntegrityError:  # a concurrent request enrolled first
        enrollment, created = Enrollment.objects.get(user=user, course=course), False
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        enrollment.transition(Enrollment.Status.ACTIVE)
        enrollment.save(update_fields=["status"])
    return enrollment, created


@transaction.atomic
def enrollments_ensure(*, user_ids: Iterable[int], course_ids: Iterable[int], chunk_size: int = 2000) -> int:
    """Enrol each of `user_ids` in each of `course_ids` (a mandatory curriculum's courses): missing
    enrolments are created in bulk, marked as made by an assignment; withdrawn ones become active
    again (along the state table); the rest are left alone. Idempotent, and a few queries per chunk
    of people, so an assignment of hundreds of thousands of people stays fast. Returns how many
    enrolments were created or re-activated."""
    course_ids = sorted(set(course_ids))
    user_ids = sorted(set(user_ids))
    if not course_ids or not user_ids:
        return 0
    changed = 0
    for start in range(0, len(user_ids), chunk_size):
        chunk = user_ids[start : start + chunk_size]
        existing = Enrollment.objects.filter(user_id__in=chunk, course_id__in=course_ids)
        have = set(existing.values_list("user_id", "course_id"))
        missing = [
            Enrollment(user_id=user_id, course_id=course_id, origin=Enrollment.Origin.ASSIGNMENT)
            for user_id in chunk
            for course_id in course_ids
            if (user_id, course_id) not in have
        ]
        # ignore_conflicts: a learner who enrols at the same moment keeps their own enrolment.
        Enrollment.objects.bulk_create(missing, batch_size=1000, ignore_conflicts=True)
        changed += len(missing)
        changed += Enrollment.bulk_transition(
            existing.filter(status=Enrollment.Status.WITHDRAWN), Enrollment.Status.ACTIVE
        )
    return changed


@transaction.atomic
def module_complete(*, enrollment: Enrollment, module: Module, when=None) -> ModuleProgress:
    """Mark `module` done for `enrollment` (idempotent: the first completion time is kept), then
    complete the course if every required module is done."""
    when = when or timezone.now()
    progress, _created = ModuleProgress.objects.get_or_create(enrollment=enrollment, module=module)
    if progress.completed_at is None:
        progress.completed_at = when
        progress.save(update_fields=["completed_at", "updated_at"])
    enrollment.last_module = module
    enrollment.last_activity_at = when
    enrollment.save(update_fields=["last_module", "last_activity_at"])
    course_completion_check(enrollment=enrollment, when=when)
    return progress


@transaction.atomic
def module_touch(*, enrollment: Enrollment, module: Module) -> None:
    """Remember where the learner is, so /learn/ can resume there."""
    ModuleProgress.objects.get_or_create(enrollment=enrollment, module=module)
    enrollment.last_module = module
    enrollment.last_activity_at = timezone.now()
    enrollment.save(update_fields=["last_module", "last_activity_at"])


def required_module_ids(course: Course) -> set[int]:
    return set(Module.objects.non_polymorphic().filter(course=course, required=True).values_list("id", flat=True))


@transaction.atomic
def course_completion_check(*, enrollment: Enrollment, when=None) -> CourseCompletion | None:
    """Complete the enrolment when every required module is done. Creates exactly one
    CourseCompletion per completion of the course and sends `course_completed` on commit.
    Returns the new completion, or None when the course is not (newly) complete."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status == Enrollment.Status.COMPLETED:
        return None
    required = required_module_ids(enrollment.course)
    done = set(
        ModuleProgress.objects.filter(enrollment=enrollment, completed_at__isnull=False).values_list(
            "module_id", flat=True
        )
    )
    if not required <= done:
        return None
    when = when or timezone.now()
    enrollment.transition(Enrollment.Status.COMPLETED)
    enrollment.completed_at = when
    enrollment.save(update_fields=["status", "completed_at"])
    completion = CourseCompletion.objects.create(
        user_id=enrollment.user_id,
        course_id=enrollment.course_id,
        enrollment=enrollment,
        completed_at=when,
        language=get_language() or "",
    )
    _announce_completion(completion)
    return completion


def _announce_completion(completion: CourseCompletion) -> None:
    transaction.on_commit(
        lambda: course_completed.send(
            sender=CourseCompletion,
            completion_id=completion.pk,
            user_id=completion.user_id,
            course_id=completion.course_id,
        )
    )


@transaction.atomic
def course_completion_record(*, user, course: Course, completed_at, source: str = "import") -> CourseCompletion:
    """Record a completion made outside the player (an import of earlier completions, or an admin).
    Sends `course_completed` on commit like a completion in the player."""
    completion = CourseCompletion(user=user, course=course, completed_at=completed_at, source=source)
    completion.full_clean()
    completion.save()
    _announce_completion(completion)
    return completion


@transaction.atomic
def course_completions_record(
    *, completions: Sequence, source: str = "import", reevaluated: bool = False
) -> list[CourseCompletion]:
    """Record many completions made outside the player at once: `completions` are (user id, course
    id, completed_at) whose people and courses exist (an import checked them). One bulk insert, and
    on commit one `course_completions_recorded` for them all (not one `course_completed` each), so
    what follows (certificates, re-evaluation) is queued in a bounded number of tasks. Pass
    `reevaluated` when the caller re-evaluates those people's assignments itself in the same
    transaction (an import does, once, after all its chunks)."""
    records = [
        CourseCompletion(user_id=user_id, course_id=course_id, completed_at=completed_at, source=source)
        for user_id, course_id, completed_at in completions
    ]
    for record in records:
        # The people and courses were checked by the caller: no query per row for them.
        record.full_clean(exclude=["user", "course", "enrollment"], validate_unique=False, validate_constraints=False)
    CourseCompletion.objects.bulk_create(records)
    if records:
        completion_ids = array("q", (record.pk for record in records))
        user_ids = sorted({record.user_id for record in records})
        transaction.on_commit(
            lambda: course_completions_recorded.send(
                sender=CourseCompletion,
                completion_ids=list(completion_ids),
                user_ids=user_ids,
                source=source,
                reevaluated=reevaluated,
            )
        )
    return records


@transaction.atomic
def enrollment_restart(*, enrollment: Enrollment) -> Enrollment:
    """Start a completed course again (recertification). Earlier completions and quiz attempts stay
    in history; module progress and the status start afresh; reflections are the learner's own and
    are kept. An enrolment that is not completed raises IllegalTransition and nothing changes."""
    enrollment.transition(Enrollment.Status.ACTIVE)
    enrollment.progress.all().delete()
    enrollment.completed_at = None
    enrollment.last_module = None
    enrollment.cycle_started_at = timezone.now()
    enrollment.save(update_fields=["status", "completed_at", "last_module", "cycle_started_at"])
    return enrollment


@transaction.atomic
def course_delete(*, course: Course) -> None:
    """Delete a course that nobody has enrolled in. Refused, with a message, otherwise."""
    if course.enrollments.exists() or course.completions.exists():
        raise CourseHasEnrollments(
            _("This course has enrolments or completions and cannot be deleted. Unpublish it instead.")
        )
    course.delete()


def _check_enrolled(enrollment: Enrollment, module: Module) -> None:
    if enrollment.course_id != module.course_id or enrollment.status == Enrollment.Status.WITHDRAWN:
        raise NotEnrolled(_("You are not enrolled in this course."))


@transaction.atomic
def module_acknowledge(*, enrollment: Enrollment, module: Module) -> ModuleProgress:
    """The learner says they have read a reading or watched a video: the module is complete (and
    the course, if it was the last required module). Other kinds are completed elsewhere: a quiz by
    passing it, a reflection by submitting it, a live session by attending it."""
    _check_enrolled(enrollment, module)
    if not isinstance(module, ReadingModule | VideoModule):
        raise NotCompletableHere(_("This step is not completed with a button."))
    return module_complete(enrollment=enrollment, module=module)


def _parse_ids(value) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidAnswer(_("The answers sent do not belong to this quiz. Please answer again."))


@transaction.atomic
def quiz_submit(*, enrollment: Enrollment, quiz: QuizModule, answers: Mapping) -> QuizAttempt:
    """Grade and record one attempt at `quiz`.

    `answers` maps a question id to the chosen choice ids (strings from a form are fine). Every
    answer is checked against that question's own choices: an id that is not a question of this quiz,
    a choice of another question, several choices for a one-answer question or an unanswered question
    raise InvalidAnswer (its `errors` maps question id → message) and nothing is recorded.
    The score is the percent of questions answered exactly right. Attempts since
    `enrollment.cycle_started_at` count towards the attempt limit (AttemptLimitReached). Passing a
    graded quiz, or submitting a pre-test, completes the module."""
    _check_enrolled(enrollment, quiz)
    # Lock the enrolment so two simultaneous submissions cannot both take the last attempt.
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    visible_choices = Prefetch("choices", queryset=Choice.objects.filter(hidden=False))
    questions = list(quiz.questions.filter(hidden=False).prefetch_related(visible_choices))
    by_id = {question.id: question for question in questions}

    chosen: dict[int, set[int]] = {}
    for key, values in answers.items():
        question_id = _parse_ids(key)
        if question_id not in by_id:
            raise InvalidAnswer(_("The answers sent do not belong to this quiz. Please answer again."))
        if isinstance(values, str | int) or values is None:
            values = [] if values is None else [values]
        chosen[question_id] = {_parse_ids(value) for value in values if str(value).strip() != ""}

    errors: dict[int, str] = {}
    for number, question in enumerate(questions, start=1):
        picked = chosen.get(question.id, set())
        choice_ids = {choice.id for choice in question.choices.all()}
        correct_ids = {choice.id for choice in question.choices.all() if choice.is_correct}
        if not picked:
            errors[question.id] = _("Question %(number)s: choose an answer.") % {"number": number}
        elif not picked <= choice_ids:
            errors[question.id] = _("Question %(number)s: that is not one of this question's choices.") % {
                "number": number
            }
        elif len(correct_ids) <= 1 and len(picked) > 1:
            errors[question.id] = _("Question %(number)s: choose only one answer.") % {"number": number}
    if errors:
        error = InvalidAnswer(
            ngettext(
                "One question needs your attention.",
                "%(count)d questions need your attention.",
                len(errors),
            )
            % {"count": len(errors)}
        )
        error.errors = errors
        raise error

    used = attempts_used(enrollment=enrollment, quiz=quiz)
    limit = quiz.attempt_limit + selectors.attempts_granted(enrollment=enrollment, quiz=quiz)
    if quiz.attempt_limit and used >= limit:
        raise AttemptLimitReached(
            _("You have used all %(limit)d attempts at this quiz. Please contact the training office.")
            % {"limit": limit}
        )

    right = sum(
        1
        for question in questions
        if chosen[question.id] == {choice.id for choice in question.choices.all() if choice.is_correct}
    )
    score = round(100 * right / len(questions)) if questions else 100
    attempt = QuizAttempt(
        enrollment=enrollment,
        quiz=quiz,
        answers={str(question_id): sorted(ids) for question_id, ids in chosen.items()},
        score=score,
        passed=score >= quiz.pass_mark,
    )
    attempt.full_clean()
    attempt.save()
    if attempt.passed or not quiz.is_graded:
        module_complete(enrollment=enrollment, module=quiz)
    else:
        module_touch(enrollment=enrollment, module=quiz)
    return attempt


def attempts_used(*, enrollment: Enrollment, quiz: QuizModule) -> int:
    """Attempts at `quiz` in the enrolment's current pass through the course."""
    return QuizAttempt.objects.filter(
        enrollment=enrollment, quiz=quiz, submitted_at__gte=enrollment.cycle_started_at
    ).count()


@transaction.atomic
def reflection_save(*, author, module: ReflectionModule, text: str, submit: bool) -> Reflection:
    """Save the author's reflection on `module`: a draft, or (submit=True) the finished reflection,
    which must reach the module's minimum length and completes the module. Once submitted, a
    reflection can still be revised but never falls below the minimum again. Refused saves change
    nothing. The text is the author's alone: nothing else in the project reads it."""
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(user=author, course_id=module.course_id)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .first()
    )
    if enrollment is None:
        raise NotEnrolled(_("You are not enrolled in this course."))
    # A NUL character (pasted from another program) cannot be stored by PostgreSQL and is invisible:
    # it is dropped so that the person's writing is saved rather than refused.
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if len(text) > REFLECTION_MAX_LENGTH:
        raise ReflectionTooLong(
            _("Your reflection is longer than %(max)d characters. Please shorten it.") % {"max": REFLECTION_MAX_LENGTH}
        )
    reflection = Reflection.objects.select_for_update().filter(module=module, author=author).first()
    submit = submit or bool(reflection and reflection.submitted_at)
    length = len(text.strip())
    if submit and length < module.min_length:
        raise ReflectionTooShort(
            ngettext(
                "Your reflection needs at least %(min)d character; it has %(length)d.",
                "Your reflection needs at least %(min)d characters; it has %(length)d.",
                module.min_length,
            )
            % {"min": module.min_length, "length": length}
        )
    if reflection is None:
        reflection = Reflection(module=module, author=author)
    reflection.text = text
    if submit and reflection.submitted_at is None:
        reflection.submitted_at = timezone.now()
    reflection.full_clean()
    reflection.save()
    if submit:
        module_complete(enrollment=enrollment, module=module)
    else:
        module_touch(enrollment=enrollment, module=module)
    return reflection


def module_next_position(course: Course) -> int:
    """The position a module added at the end of `course` takes."""
    last = Module.objects.non_polymorphic().filter(course=course).order_by("-position").first()
    return 0 if last is None else last.position + 1


@transaction.atomic
def module_move(*, module: Module, offset: int) -> None:
    """Move `module` `offset` steps later (positive) or earlier (negative) in its course, stopping at
    either end. Positions are renumbered 0, 1, 2… so the order has no gaps or ties."""
    modules = list(
        Module.objects.non_polymorphic()
        .select_for_update()
        .filter(course_id=module.course_id)
        .order_by("position", "id")
    )
    index = next(number for number, item in enumerate(modules) if item.pk == module.pk)
    target = min(max(index + offset, 0), len(modules) - 1)
    modules.insert(target, modules.pop(index))
    for position, item in enumerate(modules):
        if item.position != position:
            Module.objects.non_polymorphic().filter(pk=item.pk).update(position=position)


@transaction.atomic
def module_delete(*, module: Module) -> None:
    """Delete a module nobody has worked on. Refused, with a message, when learners have progress,
    quiz attempts or reflections in it: deleting would lose what they did."""
    if (
        ModuleProgress.objects.filter(module_id=module.pk).exists()
        or QuizAttempt.objects.filter(quiz_id=module.pk).exists()
        or Reflection.objects.filter(module_id=module.pk).exists()
    ):
        raise ModuleHasLearnerWork(
            _("Learners have worked on this module, so it cannot be deleted. Mark it as not required instead.")
        )
    module.delete()


@transaction.atomic
def quiz_attempts_grant(
    *, enrollment: Enrollment, quiz: QuizModule, granted_by, reason: str, extra_attempts: int = 1
) -> AttemptGrant:
    """A training admin gives one learner `extra_attempts` more attempts at a quiz of their course,
    saying why; the grant is kept as the audit (who, when, why). Raises PermissionDenied for anyone
    else, ValidationError for a quiz of another course, a missing reason or a bad number."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from courses.people import roles

    if not roles.is_training_admin(granted_by):
        raise PermissionDenied(_("Only training admins can grant extra attempts."))
    if quiz.course_id != enrollment.course_id:
        raise ValidationError(_("This quiz is not part of the learner's course."))
    grant = AttemptGrant(
        enrollment=enrollment,
        quiz=quiz,
        granted_by=granted_by,
        reason=(reason or "").strip(),
        extra_attempts=extra_attempts,
    )
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
def course_final_check_added(*, quiz: QuizModule) -> bool:
    """A course that gets its first final check (a post-test) has its modules taken in order, so the
    check cannot be taken before the modules it tests. Later post-tests leave the setting as the
    training admin chose it. Returns True when it turned the setting on."""
    if quiz.quiz_kind != QuizModule.Kind.POST_TEST:
        return False
    earlier = QuizModule.objects.filter(course_id=quiz.course_id, quiz_kind=QuizModule.Kind.POST_TEST).exclude(
        pk=quiz.pk
    )
    if earlier.exists():
        return False
    return bool(Course.objects.filter(pk=quiz.course_id, modules_in_order=False).update(modules_in_order=True))
