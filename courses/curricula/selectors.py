"""Reads of mandatory curricula: expiry for certificates, the learner's panel, compliance reports."""

import bisect
import datetime
from dataclasses import dataclass, fields

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from courses.people import roles
from courses.people.models import Department

from . import rollups, rules
from .models import Assignment, CertificationRecord, Curriculum

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
    for assignment in assignments:
        history = list(
            CertificationRecord.objects.filter(assignment=assignment, completed_at__lte=completed_at).order_by(
                "-completed_at"
            )[:1]
        )
        expiries.append(_expiry_in(assignment, history[0] if history else None, completed_at))
    return _earliest(expiries)


def certification_expiries_for(completions: list) -> list:
    """certification_expiry_for of each of `completions` ((user id, course id, completed_at)), in
    their order, with a few queries for them all rather than some per completion."""
    user_ids = {user_id for user_id, _course_id, _completed_at in completions}
    course_ids = {course_id for _user_id, course_id, _completed_at in completions}
    assignments = list(
        Assignment.objects.filter(
            user_id__in=user_ids,
            ended_at__isnull=True,
            curriculum__courses__in=course_ids,
            curriculum__recert_period_months__isnull=False,
        )
        .select_related("curriculum")
        .distinct()
        .order_by("pk")
    )
    if not assignments:
        return [None] * len(completions)
    courses_of = {}
    for curriculum_id, course_id in Curriculum.courses.through.objects.filter(
        curriculum_id__in={assignment.curriculum_id for assignment in assignments}
    ).values_list("curriculum_id", "course_id"):
        courses_of.setdefault(curriculum_id, set()).add(course_id)
    by_person = {}
    for assignment in assignments:
        by_person.setdefault(assignment.user_id, []).append(assignment)
    histories = {}  # assignment id → its certifications, oldest first
    for record in CertificationRecord.objects.filter(assignment__in=assignments).order_by("completed_at"):
        histories.setdefault(record.assignment_id, []).append(record)
    expiries = []
    for user_id, course_id, completed_at in completions:
        found = []
        for assignment in by_person.get(user_id, ()):
            if course_id not in courses_of.get(assignment.curriculum_id, ()):
                continue
            history = histories.get(assignment.pk, [])
            # The latest certification at or before the completion (one per moment: a unique constraint).
            index = bisect.bisect_right(history, completed_at, key=lambda record: record.completed_at)
            found.append(_expiry_in(assignment, history[index - 1] if index else None, completed_at))
        expiries.append(_earliest(found))
    return expiries


def _expiry_in(assignment, previous, completed_at) -> datetime.date | None:
    """The expiry a completion at `completed_at` gives under `assignment`, `previous` being the latest
    certification of its history at or before that moment (or None)."""
    if previous is not None and previous.completed_at == completed_at:
        return previous.expires_on
    rule = rules.RecertificationRule.of(assignment.curriculum)
    completed_on = rules.local_date(completed_at)
    # A completion before the renewal window does not renew: the previous expiry stands.
    opens = rule.window_opens_on(previous.expires_on) if previous is not None and previous.expires_on else None
    if opens is not None and completed_on < opens:
        return previous.expires_on
    return rule.next_expiry(completed_on=completed_on, previous_expires_on=previous.expires_on if previous else None)


def _earliest(expiries) -> datetime.date | None:
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
    from courses.catalogue.models import CourseCompletion

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


# "Required for you" on the catalogue and course pages -------------------------------------------------


@dataclass(frozen=True)
class CourseRequirement:
    """What a current assignment asks of one person for one course."""

    DUE, OVERDUE, COMPLETE = "due", "overdue", "complete"

    status: str
    on: datetime.date | None = None  # due on, or overdue since; None when complete

    @property
    def urgency(self) -> tuple:
        order = {self.OVERDUE: 0, self.DUE: 1, self.COMPLETE: 2}[self.status]
        return (order, self.on or datetime.date.max)


def course_requirements(user, course_ids) -> dict[int, CourseRequirement]:
    """For each of `course_ids` that a current assignment of `user` covers, the most pressing
    requirement: overdue (since when) before due (earliest first) before complete. Exempt
    assignments require nothing. Two queries, whatever the number of courses and assignments;
    nothing for an anonymous visitor."""
    course_ids = [pk for pk in course_ids if pk is not None]
    if not getattr(user, "is_authenticated", False) or not course_ids:
        return {}
    rows = list(
        Assignment.objects.filter(
            user=user,
            ended_at__isnull=True,
            exempt=False,
            curriculum__active=True,
            curriculum__courses__in=course_ids,
        ).values_list("curriculum__courses", "state", "due_on", "extended_due_on", "expires_on", "window_opens_on")
    )
    if not rows:
        return {}
    from courses.catalogue.models import CourseCompletion

    completions = list(
        CourseCompletion.objects.filter(user=user, course_id__in={row[0] for row in rows}).values_list(
            "course_id", "completed_at"
        )
    )
    today = timezone.localdate()
    found: dict[int, CourseRequirement] = {}
    for course_id, state, due_on, extended_due_on, expires_on, window_opens_on in rows:
        requirement = _requirement(
            state, extended_due_on or due_on, expires_on, window_opens_on, course_id, completions, today
        )
        if course_id not in found or requirement.urgency < found[course_id].urgency:
            found[course_id] = requirement
    return found


def _requirement(state, due_on, expires_on, window_opens_on, course_id, completions, today) -> CourseRequirement:
    # In a renewal the completions that count are those since the window opened (as on /learn/).
    since = None
    if state in (State.WINDOW_OPEN, State.EXPIRED) and window_opens_on:
        since = rules.start_of_day(window_opens_on)
    done = any(pk == course_id and (since is None or at >= since) for pk, at in completions)
    if state == State.COMPLETE or done:
        return CourseRequirement(CourseRequirement.COMPLETE)
    if state == State.EXPIRED:
        return CourseRequirement(CourseRequirement.OVERDUE, expires_on)
    if state == State.WINDOW_OPEN:
        return CourseRequirement(CourseRequirement.DUE, expires_on)
    if state == State.OVERDUE or today > due_on:
        return CourseRequirement(CourseRequirement.OVERDUE, due_on)
    return CourseRequirement(CourseRequirement.DUE, due_on)


# Compliance -------------------------------------------------------------------------------------------

CERTIFIED_STATES = (State.COMPLETE, State.WINDOW_OPEN)
# Exclusive categories: every current assignment falls in exactly one. Totara's semantics: an exempt
# person counts as complete; someone who has not finished but is not yet due is on track, not a
# failure. Only overdue and expired people are out of compliance.
CATEGORIES = {
    "certified": Q(state__in=CERTIFIED_STATES),
    "exempt": Q(exempt=True) & ~Q(state__in=CERTIFIED_STATES),
    "not_started": Q(state=State.ASSIGNED, exempt=False),
    "in_progress": Q(state=State.IN_PROGRESS, exempt=False),
    "overdue": Q(state=State.OVERDUE, exempt=False),
    "expired": Q(state=State.EXPIRED, exempt=False),
}


def _percent(part: int, whole: int) -> int | None:
    return int(part * 100 // whole) if whole > 0 else None


@dataclass
class Counts:
    assigned: int = 0
    certified: int = 0
    exempt: int = 0
    not_started: int = 0
    in_progress: int = 0
    overdue: int = 0
    expired: int = 0

    def add(self, other: "Counts") -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def complete(self) -> int:
        """Certified (current or in the renewal window) or exempt."""
        return self.certified + self.exempt

    @property
    def on_track(self) -> int:
        """Not finished yet and not due yet: not started or in progress."""
        return self.not_started + self.in_progress

    @property
    def compliant(self) -> int:
        """Everyone who is neither overdue nor expired."""
        return self.assigned - self.overdue - self.expired

    @property
    def percent_compliant(self) -> int | None:
        """Share of the assigned who are neither overdue nor expired; None for nobody assigned."""
        return _percent(self.compliant, self.assigned)

    @property
    def completion_rate(self) -> int | None:
        """Share of the assigned who are complete (certified or exempt); None for nobody assigned."""
        return _percent(self.complete, self.assigned)

    def share(self, name: str) -> float:
        """Percentage of the assigned in one category (or derived category), for the bars."""
        return round(getattr(self, name) * 100 / self.assigned, 1) if self.assigned else 0


COUNT_FIELDS = [f.name for f in fields(Counts)]


@dataclass
class DepartmentRow:
    department: Department
    depth: int  # below the top of what the viewer sees, for indentation
    total: Counts  # this department and every department below it
    own: Counts  # people of this department itself


def scope_paths(viewer) -> list[str] | None:
    """The tree paths of the departments whose subtrees the viewer may see: None for the whole
    organisation (training admins), [] for nobody."""
    cached = getattr(viewer, "_compliance_scope_paths", False)
    if cached is not False:
        return cached
    if roles.is_training_admin(viewer):
        paths = None
    else:
        paths = list(roles.headed_departments(viewer).values_list("path", flat=True))
    viewer._compliance_scope_paths = paths  # one query per request, however many reads ask
    return paths


def subtree_q(paths: list[str] | None, prefix: str = "user__employee__department__path") -> Q:
    if paths is None:
        return Q()
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{prefix}__startswith": path})
    return query


def visible_department(viewer, department_id) -> Department | None:
    """The department if the viewer may see it, else None (views answer 404)."""
    paths = scope_paths(viewer)
    departments = Department.objects.filter(pk=department_id)
    if paths is not None:
        departments = departments.filter(subtree_q(paths, prefix="path"))
    return departments.first()


def compliance_assignments(viewer, *, curriculum_id: int | None = None, department: Department | None = None):
    """Current assignments of active curricula and active employees that the viewer may see,
    optionally of one curriculum and/or one department's subtree."""
    assignments = Assignment.objects.filter(
        ended_at__isnull=True, curriculum__active=True, user__employee__active=True
    ).filter(subtree_q(scope_paths(viewer)))
    if curriculum_id is not None:
        assignments = assignments.filter(curriculum_id=curriculum_id)
    if department is not None:
        assignments = assignments.filter(user__employee__department__path__startswith=department.path)
    return assignments


def compliance_by_department(
    viewer, *, curriculum_id: int | None = None, department: Department | None = None
) -> tuple[list[DepartmentRow], Counts]:
    """Rows per visible department (tree order) with the counts of its whole subtree, and the total.
    Read from the compliance rollup (courses.curricula.rollups), not from the assignments: one
    aggregate over at most (departments × curricula × states) rows plus one query for the
    departments, whatever the number of people; the subtree roll-up is done on the tree paths."""
    own: dict[int, Counts] = {}
    for department_id, state, exempt, n in rollups.rollup_rows(
        scope=subtree_q(scope_paths(viewer), prefix="department__path"),
        curriculum_id=curriculum_id,
        path=department.path if department is not None else None,
    ):
        counts = own.setdefault(department_id, Counts())
        counts.assigned += n
        category = rollups.category_of(state, exempt)
        setattr(counts, category, getattr(counts, category) + n)
    departments = visible_departments_of(viewer)
    if department is not None:
        departments = departments.filter(path__startswith=department.path)
    departments = list(departments)
    steplen = Department.steplen
    totals: dict[str, Counts] = {d.path: Counts() for d in departments}
    for dept in departments:
        counts = own.get(dept.pk)
        if counts is None:
            continue
        for end in range(steplen, len(dept.path) + 1, steplen):
            total = totals.get(dept.path[:end])
            if total is not None:
                total.add(counts)
    top_depth = min((d.depth for d in departments), default=1)
    rows = [
        DepartmentRow(department=d, depth=d.depth - top_depth, total=totals[d.path], own=own.get(d.pk, Counts()))
        for d in departments
    ]
    grand_total = Counts()
    for counts in own.values():
        grand_total.add(counts)
    return rows, grand_total


def compliance_people(viewer, *, department: Department, curriculum_id: int | None = None):
    """The assignments of a department's subtree for the drill-down: person, department and curriculum
    joined in the same query, most urgent first."""
    return (
        compliance_assignments(viewer, curriculum_id=curriculum_id, department=department)
        .select_related("user", "user__employee", "user__employee__department", "curriculum")
        .annotate(urgency=URGENCY)
        .order_by("urgency", "user__last_name", "user__first_name", "user_id", "curriculum_id")
    )


def visible_departments_of(viewer):
    """The departments the viewer may see, in tree order."""
    paths = scope_paths(viewer)
    departments = Department.objects.order_by("path")
    if paths is not None:
        departments = departments.filter(subtree_q(paths, prefix="path"))
    return departments


def visible_ancestors(viewer, department: Department) -> list[Department]:
    """The departments above `department` that the viewer may also see (for the breadcrumb)."""
    steplen = Department.steplen
    prefixes = [department.path[:end] for end in range(steplen, len(department.path), steplen)]
    if not prefixes:
        return []
    return list(visible_departments_of(viewer).filter(path__in=prefixes))
