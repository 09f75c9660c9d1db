"""Reads of mandatory curricula: expiry for certificates, the learner's panel, compliance reports."""

import datetime

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from . import rules
from .models import Assignment, CertificationRecord

State = Assignment.State


def certification_expiry_for(*, user_id: int, course_id: int, completed_at: datetime.datetime) -> datetime.date | None:
    """When a certificate for this course completion expires: the earliest expiry among the person's
    current assignments of recertifying curricula that include the course (None: it never expires).

    Deterministic whatever order the background tasks run in: the certification this completion
    made, when already recorded; otherwise the curriculum's rule applied to the completion date with
    the previous certification of the history (a completion before the renewal window does not
    renew, so the previous expiry stands)."""
    assignments = (
        Assignment.objects.filter(
            user_id=user_id,
            ended_at__isnull=True,
            curriculum__courses=course_id,
            curriculum__recert_period_months__isnull=False,
        )
        .select_related("curriculum")
        .distinct()
    )
    expiries = []
    completed_on = rules.local_date(completed_at)
    for assignment in assignments:
        history = list(
            CertificationRecord.objects.filter(assignment=assignment, completed_at__lte=completed_at).order_by(
                "-completed_at"
            )[:2]
        )
        if history and history[0].completed_at == completed_at:
            expiries.append(history[0].expires_on)
            continue
        rule = rules.RecertificationRule.of(assignment.curriculum)
        previous = history[0] if history else None
        if previous is not None and previous.expires_on is not None:
            opens = rule.window_opens_on(previous.expires_on)
            if completed_on < opens:
                expiries.append(previous.expires_on)
                continue
        expiries.append(
            rule.next_expiry(completed_on=completed_on, previous_expires_on=previous.expires_on if previous else None)
        )
    expiries = [expiry for expiry in expiries if expiry is not None]
    return min(expiries) if expiries else None


# The learner's dashboard panel ------------------------------------------------------------------------

# Most urgent first: what is overdue or expired, then what needs doing, then what is done.
URGENCY = Case(
    When(state=State.OVERDUE, then=Value(0)),
    When(state=State.EXPIRED, then=Value(1)),
    When(state=State.WINDOW_OPEN, then=Value(2)),
    When(state=State.IN_PROGRESS, then=Value(3)),
    When(state=State.ASSIGNED, then=Value(4)),
    default=Value(5),
    output_field=IntegerField(),
)


def assignments_of(user):
    """The person's current assignments, overdue first, with curriculum and courses prefetched."""
    return (
        Assignment.objects.filter(user=user, ended_at__isnull=True, curriculum__active=True)
        .select_related("curriculum")
        .prefetch_related("curriculum__courses")
        .annotate(urgency=URGENCY)
        .order_by("urgency", "due_on", "curriculum__name")
    )


def learn_panel_context(request):
    """Context of "My required training" on /learn/, or None for someone without assignments.
    Three queries whatever the number of assignments and courses."""
    user = request.user
    if not user.is_authenticated:
        return None
    assignments = list(assignments_of(user))
    if not assignments:
        return None
    from courses.models import CourseCompletion

    course_ids = {course.pk for a in assignments for course in a.curriculum.courses.all()}
    completed = set(
        CourseCompletion.objects.filter(user=user, course_id__in=course_ids).values_list("course_id", "completed_at")
    )
    rows = []
    for assignment in assignments:
        since = None
        if assignment.state in (State.WINDOW_OPEN, State.EXPIRED) and assignment.window_opens_on:
            since = rules.start_of_day(assignment.window_opens_on)
        done_ids = {course_id for course_id, at in completed if since is None or at >= since}
        courses = [{"course": course, "done": course.pk in done_ids} for course in assignment.curriculum.courses.all()]
        rows.append({"assignment": assignment, "courses": courses})
    return {"required_training": rows, "today": timezone.localdate()}
