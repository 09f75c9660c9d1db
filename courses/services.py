"""Writes of the course engine. Each function is keyword-only, atomic and says what it guarantees."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .exceptions import CourseHasEnrollments, NotEnrolled
from .models import Course, CourseCompletion, Enrollment, Module, ModuleProgress
from .signals import course_completed


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
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.save(update_fields=["status"])
    return enrollment, created


def enrollment_for(*, user, course: Course) -> Enrollment:
    try:
        return Enrollment.objects.get(user=user, course=course)
    except Enrollment.DoesNotExist:
        raise NotEnrolled(_("You are not enrolled in this course."))


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
    enrollment.status = Enrollment.Status.COMPLETED
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
def enrollment_restart(*, enrollment: Enrollment) -> Enrollment:
    """Start a completed course again (recertification). Earlier completions and quiz attempts stay
    in history; module progress and the status start afresh; reflections are the learner's own and
    are kept."""
    enrollment.progress.all().delete()
    enrollment.status = Enrollment.Status.ACTIVE
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
