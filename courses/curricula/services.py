"""Writes of mandatory curricula. Keyword-only, atomic; each says what it guarantees.

- `assignments_reconcile` makes assignments follow people (set-based, idempotent);
- `assignments_evaluate_for_user` turns course completions into certifications (after a completion);
- `assignments_advance_by_date` moves states that change with the calendar (nightly);
- `assignment_exempt`, `assignment_exemption_revoke`, `assignment_extend` are a training admin's
  decisions, each audited with who, when and why.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.catalogue.models import CourseCompletion, Enrollment
from courses.catalogue.services import enrollments_ensure
from courses.people import roles
from courses.people.models import Employee

from . import rollups, rules
from .audience import AudienceRule
from .exceptions import AssignmentEnded, InvalidDecision
from .models import Assignment, AssignmentEvent, CertificationRecord, Curriculum
from .signals import curricula_completed, curriculum_completed

State = Assignment.State
CHUNK = 2000
EVALUATED_FIELDS = ["state", "state_changed_at", "completed_at", "expires_on", "window_opens_on"]


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Evaluation: completions → certifications and states ------------------------------------------------


@dataclass
class _CurriculumFacts:
    curriculum: Curriculum
    course_ids: set[int]
    required: int
    rule: rules.RecertificationRule

    @classmethod
    def of(cls, curriculum: Curriculum) -> "_CurriculumFacts":
        course_ids = set(curriculum.courses.values_list("pk", flat=True))
        return cls(
            curriculum=curriculum,
            course_ids=course_ids,
            required=rules.required_count(curriculum, len(course_ids)),
            rule=rules.RecertificationRule.of(curriculum),
        )


def _move(assignment: Assignment, target: str, now) -> None:
    """Evaluation recomputes the state from the facts, so the target is often the state the
    assignment is already in: that is no move at all (and keeps state_changed_at)."""
    if assignment.state != target:
        assignment.transition(target, when=now)


def _advance_certified(assignment: Assignment, day: datetime.date, now) -> None:
    """Calendar changes of a certified assignment as of `day`: the window opens, the certification expires."""
    if assignment.state not in Assignment.CERTIFIED or assignment.expires_on is None:
        return
    if day >= assignment.expires_on:
        assignment.transition(State.EXPIRED, when=now)
    elif assignment.state == State.COMPLETE and day >= assignment.window_opens_on:
        assignment.transition(State.WINDOW_OPEN, when=now)


def _settle_uncertified(assignment: Assignment, today: datetime.date, now, *, started: bool) -> None:
    if assignment.state not in Assignment.NOT_CERTIFIED_YET:
        return
    if not assignment.exempt and today > assignment.effective_due_on:
        target = State.OVERDUE
    else:
        target = State.IN_PROGRESS if started else State.ASSIGNED
    _move(assignment, target, now)


def _evaluate(
    assignment: Assignment,
    facts: _CurriculumFacts,
    completions: list[tuple[int, datetime.datetime]],
    *,
    enrolled: bool,
    today: datetime.date,
    now,
) -> tuple[bool, list[CertificationRecord]]:
    """Bring one assignment up to date with the person's completions and the calendar. Returns
    (changed, new certification records). Each certification cycle only counts completions made
    after the renewal window of the previous one opened; cycles are replayed in order, so late
    imports of several years of history certify, renew and expire as they would have at the time."""
    before = tuple(getattr(assignment, name) for name in EVALUATED_FIELDS)
    records = []
    while True:
        since = None
        if assignment.completed_at is not None:
            if not facts.rule.period_months or assignment.window_opens_on is None:
                break  # certified for good
            since = max(
                rules.start_of_day(assignment.window_opens_on),
                assignment.completed_at + datetime.timedelta(microseconds=1),
            )
        completed_at = rules.cycle_completion(
            completions, course_ids=facts.course_ids, required=facts.required, since=since
        )
        if completed_at is None:
            break
        completed_on = rules.local_date(completed_at)
        if assignment.completed_at is None:
            kind = CertificationRecord.Kind.FIRST
        else:
            _advance_certified(assignment, completed_on, now)
            kind = (
                CertificationRecord.Kind.RENEWAL
                if completed_on < assignment.expires_on
                else CertificationRecord.Kind.AFTER_EXPIRY
            )
        expires_on = facts.rule.next_expiry(completed_on=completed_on, previous_expires_on=assignment.expires_on)
        _move(assignment, State.COMPLETE, now)
        assignment.completed_at = completed_at
        assignment.expires_on = expires_on
        assignment.window_opens_on = facts.rule.window_opens_on(expires_on)
        records.append(
            CertificationRecord(assignment=assignment, kind=kind, completed_at=completed_at, expires_on=expires_on)
        )
    _advance_certified(assignment, today, now)
    started = enrolled or any(course_id in facts.course_ids for course_id, _at in completions)
    _settle_uncertified(assignment, today, now, started=started)
    changed = before != tuple(getattr(assignment, name) for name in EVALUATED_FIELDS)
    return changed, records


def _evaluate_many(facts: _CurriculumFacts, assignments: list[Assignment], *, today, now, certified: list) -> int:
    """Evaluate assignments of one curriculum in bulk: a few queries per chunk of people, one
    bulk update; each new certification is appended to `certified` as (assignment id, completed_at),
    for the caller to announce."""
    changed_count = 0
    for chunk in _chunks(assignments):
        user_ids = [assignment.user_id for assignment in chunk]
        completions = defaultdict(list)
        if facts.course_ids:
            for user_id, course_id, completed_at in CourseCompletion.objects.filter(
                user_id__in=user_ids, course_id__in=facts.course_ids
            ).values_list("user_id", "course_id", "completed_at"):
                completions[user_id].append((course_id, completed_at))
        enrolled = set(
            _started_enrollments()
            .filter(user_id__in=user_ids, course_id__in=facts.course_ids)
            .values_list("user_id", flat=True)
        )
        changed, records = [], []
        for assignment in chunk:
            was_changed, new_records = _evaluate(
                assignment,
                facts,
                completions.get(assignment.user_id, []),
                enrolled=assignment.user_id in enrolled,
                today=today,
                now=now,
            )
            if was_changed:
                changed.append(assignment)
            records.extend(new_records)
        if changed:
            # The rows are locked by the caller (or were created by this transaction).
            with rollups.kept(assignment.pk for assignment in changed):
                Assignment.objects.bulk_update(changed, EVALUATED_FIELDS, batch_size=500)
            changed_count += len(changed)
        if records:
            CertificationRecord.objects.bulk_create(records, batch_size=500)
            AssignmentEvent.objects.bulk_create(
                [
                    AssignmentEvent(
                        assignment=record.assignment,
                        kind=AssignmentEvent.Kind.CERTIFIED,
                        at=now,
                        data={
                            "completed_at": record.completed_at.isoformat(),
                            "expires_on": record.expires_on.isoformat() if record.expires_on else None,
                            "kind": record.kind,
                        },
                    )
                    for record in records
                ],
                batch_size=500,
            )
            certified.extend((record.assignment_id, record.completed_at) for record in records)
    return changed_count


def _announce_each(certified: list) -> None:
    """One `curriculum_completed` per certification, after commit (a single person's evaluation)."""
    for assignment_id, completed_at in certified:
        transaction.on_commit(
            lambda assignment_id=assignment_id, completed_at=completed_at: curriculum_completed.send(
                sender=Assignment, assignment_id=assignment_id, completed_at=completed_at
            )
        )


def _announce_all(certified: list) -> None:
    """One `curricula_completed` for every certification of a bulk evaluation, after commit."""
    if certified:
        certifications = list(certified)
        transaction.on_commit(lambda: curricula_completed.send(sender=Assignment, certifications=certifications))


@transaction.atomic
def assignments_evaluate_for_user(*, user_id: int, today: datetime.date | None = None) -> int:
    """Re-evaluate every current assignment of one person (after a course completion). Idempotent:
    a completion already turned into a certification is never counted twice. Returns how many
    assignments changed. Each new certification is announced on its own (`curriculum_completed`)."""
    certified = []
    changed = _evaluate_users([user_id], today=today or timezone.localdate(), now=timezone.now(), certified=certified)
    _announce_each(certified)
    return changed


@transaction.atomic
def assignments_evaluate_for_users(*, user_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Re-evaluate every current assignment of these people (after an import of their completions),
    CHUNK people at a time: each assignment ends exactly as assignments_evaluate_for_user would leave
    it, with a few queries per chunk instead of per person. Returns how many assignments changed.
    The new certifications are announced together, once (`curricula_completed`)."""
    today = today or timezone.localdate()
    now = timezone.now()
    certified = []
    changed = sum(
        _evaluate_users(chunk, today=today, now=now, certified=certified) for chunk in _chunks(sorted(set(user_ids)))
    )
    _announce_all(certified)
    return changed


def _evaluate_users(user_ids: list[int], *, today, now, certified: list) -> int:
    assignments = list(
        Assignment.objects.select_for_update()
        .filter(user_id__in=user_ids, ended_at__isnull=True, curriculum__active=True)
        .order_by("pk")
    )
    by_curriculum = defaultdict(list)
    for assignment in assignments:
        by_curriculum[assignment.curriculum_id].append(assignment)
    changed = 0
    for curriculum in Curriculum.objects.filter(pk__in=by_curriculum).prefetch_related("courses"):
        changed += _evaluate_many(
            _CurriculumFacts.of(curriculum), by_curriculum[curriculum.pk], today=today, now=now, certified=certified
        )
    return changed


@transaction.atomic
def assignments_evaluate_curriculum(*, curriculum_id: int, today: datetime.date | None = None) -> int:
    """Re-evaluate every current assignment of a curriculum (after its courses or rules change). The
    new certifications are announced together, once (`curricula_completed`)."""
    today = today or timezone.localdate()
    curriculum = Curriculum.objects.select_for_update().get(pk=curriculum_id)
    assignments = list(
        Assignment.objects.select_for_update().filter(curriculum=curriculum, ended_at__isnull=True).order_by("pk")
    )
    certified = []
    changed = _evaluate_many(
        _CurriculumFacts.of(curriculum), assignments, today=today, now=timezone.now(), certified=certified
    )
    _announce_all(certified)
    return changed


# Audience reconciliation ------------------------------------------------------------------------------


@dataclass
class ReconcileResult:
    created: int = 0
    ended: int = 0

    def __iadd__(self, other: "ReconcileResult") -> "ReconcileResult":
        self.created += other.created
        self.ended += other.ended
        return self


@transaction.atomic
def assignments_reconcile(
    *, curriculum_id: int | None = None, user_ids: Iterable[int] | None = None, today: datetime.date | None = None
) -> ReconcileResult:
    """Make current assignments match each curriculum's audience: assign people who entered it (their
    earlier completions count at once), end the assignments of people who left it or left the city
    (ended assignments stay, with their certifications, as history). Set-based and idempotent:
    running it again changes nothing. Limited to one curriculum and/or some people when given.
    Certifications by earlier completions are announced together, once (`curricula_completed`)."""
    today = today or timezone.localdate()
    now = timezone.now()
    user_ids = None if user_ids is None else sorted(set(user_ids))
    curricula = Curriculum.objects.select_for_update().order_by("pk")
    if curriculum_id is not None:
        curricula = curricula.filter(pk=curriculum_id)
    result = ReconcileResult()
    certified = []
    for curriculum in curricula:
        result += _reconcile_curriculum(curriculum, user_ids=user_ids, today=today, now=now, certified=certified)
    _announce_all(certified)
    return result


def _reconcile_curriculum(curriculum: Curriculum, *, user_ids, today, now, certified: list) -> ReconcileResult:
    current = Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True)
    if user_ids is not None:
        current = current.filter(user_id__in=user_ids)
    current_users = dict(current.values_list("user_id", "pk"))
    if not curriculum.active:
        return ReconcileResult(ended=_end(list(current_users.values()), Assignment.EndReason.CURRICULUM_INACTIVE, now))

    rule = AudienceRule.of(curriculum)
    keep = rule.employees(today=today, for_entry=False)
    entry = rule.employees(today=today, for_entry=True)
    if user_ids is not None:
        keep, entry = keep.filter(user_id__in=user_ids), entry.filter(user_id__in=user_ids)
    keep_users = set(keep.values_list("user_id", flat=True))
    entry_users = keep_users if rule.hired_within_days is None else set(entry.values_list("user_id", flat=True))

    leaving = set(current_users) - keep_users
    still_employed = set(Employee.objects.filter(active=True, user_id__in=leaving).values_list("user_id", flat=True))
    ended = _end([current_users[u] for u in leaving - still_employed], Assignment.EndReason.DEACTIVATED, now)
    ended += _end([current_users[u] for u in leaving & still_employed], Assignment.EndReason.LEFT_AUDIENCE, now)

    joining = sorted(entry_users - set(current_users))
    if not joining:
        return ReconcileResult(ended=ended)
    due = rules.due_on(curriculum, assigned_on=today)
    # Lock the people who join: a move of one of them waits, then finds the new assignment to move.
    list(Employee.objects.select_for_update().filter(user_id__in=joining).order_by("pk").values_list("pk"))
    created = Assignment.objects.bulk_create(
        [
            Assignment(curriculum=curriculum, user_id=u, assigned_at=now, due_on=due, state_changed_at=now)
            for u in joining
        ],
        batch_size=500,
    )
    if created and created[0].pk is None:  # a backend that does not return ids from bulk inserts
        created = list(Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True, user_id__in=joining))
    rollups.rollup_apply(rollups.key_counts(a.pk for a in created))
    AssignmentEvent.objects.bulk_create(
        [AssignmentEvent(assignment=a, kind=AssignmentEvent.Kind.ASSIGNED, at=now) for a in created], batch_size=500
    )
    facts = _CurriculumFacts.of(curriculum)
    _evaluate_many(facts, created, today=today, now=now, certified=certified)
    _enrol_in_mandatory_courses(facts, created)
    return ReconcileResult(created=len(created), ended=ended)


def _enrol_in_mandatory_courses(facts: _CurriculumFacts, assignments: list[Assignment]) -> int:
    """New assignments enrol their people in the curriculum's courses when every course is mandatory
    (a curriculum that asks for some of its courses leaves the choice to the person), except people
    whose earlier completions already certify them."""
    if not facts.course_ids or facts.required < len(facts.course_ids):
        return 0
    user_ids = [a.user_id for a in assignments if a.state not in Assignment.CERTIFIED and not a.exempt]
    return enrollments_ensure(user_ids=user_ids, course_ids=facts.course_ids)


@transaction.atomic
def curriculum_enrol_assignees(*, curriculum_id: int) -> int:
    """Enrol everyone who must still complete the curriculum (current, not certified, not exempt) in
    its courses, when all of them are mandatory: after a training admin saves it (a course may have
    been added) and for assignments made before enrolment was automatic. Idempotent; returns how
    many enrolments were made or re-activated."""
    facts = _CurriculumFacts.of(Curriculum.objects.get(pk=curriculum_id))
    if not facts.curriculum.active:
        return 0
    pending = Assignment.objects.filter(
        curriculum_id=curriculum_id, ended_at__isnull=True, exempt=False, state__in=Assignment.NOT_CERTIFIED_YET
    )
    assignments = [
        Assignment(user_id=user_id, state=State.ASSIGNED) for user_id in pending.values_list("user_id", flat=True)
    ]
    return _enrol_in_mandatory_courses(facts, assignments)


def _end(assignment_ids: list[int], reason: str, now) -> int:
    ended = 0
    for chunk in _chunks(sorted(assignment_ids)):
        chunk = rollups.lock(Assignment.objects.filter(pk__in=chunk, ended_at__isnull=True))
        with rollups.kept(chunk):
            ended += Assignment.objects.filter(pk__in=chunk, ended_at__isnull=True).update(
                ended_at=now, end_reason=reason
            )
        AssignmentEvent.objects.bulk_create(
            [
                AssignmentEvent(assignment_id=pk, kind=AssignmentEvent.Kind.ENDED, at=now, data={"reason": reason})
                for pk in chunk
            ],
            batch_size=500,
        )
    return ended


# The calendar -------------------------------------------------------------------------------------


@transaction.atomic
def assignments_advance_by_date(*, today: datetime.date | None = None) -> dict[str, int]:
    """Apply the calendar to every current assignment in three set-based updates: certifications past
    their expiry expire, renewal windows open, unfinished assignments past their due date (or
    extension) become overdue unless exempt — each only from the states Assignment.TRANSITIONS lets
    move there. Idempotent. Returns how many moved to each state."""
    today = today or timezone.localdate()
    now = timezone.now()
    current = Assignment.objects.filter(ended_at__isnull=True)
    moved = {}
    moved[State.EXPIRED] = _bulk_move(current.filter(expires_on__lte=today), State.EXPIRED, now)
    moved[State.WINDOW_OPEN] = _bulk_move(
        current.filter(window_opens_on__lte=today, expires_on__gt=today), State.WINDOW_OPEN, now
    )
    late = current.filter(exempt=False).alias(effective_due=Coalesce(F("extended_due_on"), F("due_on")))
    moved[State.OVERDUE] = _bulk_move(late.filter(effective_due__lt=today), State.OVERDUE, now)
    return moved


def _bulk_move(assignments, target: str, now) -> int:
    """Assignment.bulk_transition on the rows that can move, locked first and counted in the
    compliance rollup in the same transaction."""
    moved = 0
    ids = rollups.lock(assignments.filter(state__in=Assignment.sources_of(target)))
    for chunk in _chunks(ids):
        with rollups.kept(chunk):
            moved += Assignment.bulk_transition(Assignment.objects.filter(pk__in=chunk), target, when=now)
    return moved


# A training admin's decisions ------------------------------------------------------------------------


def _decision_target(assignment: Assignment, *, by, reason: str) -> tuple[Assignment, str]:
    if not roles.is_training_admin(by):
        raise PermissionDenied(_("Only a training admin can grant exemptions and extensions."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidDecision(_("Give a reason: it is kept in the assignment's history."))
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_at is not None:
        raise AssignmentEnded(_("This assignment has ended and can no longer be changed."))
    return assignment, reason


def _has_started(assignment: Assignment) -> bool:
    course_ids = assignment.curriculum.courses.values("pk")
    return (
        CourseCompletion.objects.filter(user_id=assignment.user_id, course_id__in=course_ids).exists()
        or _started_enrollments().filter(user_id=assignment.user_id, course_id__in=course_ids).exists()
    )


def _started_enrollments():
    """Active enrolments that show a person started: their own, or one an assignment made for them
    that they have since worked in."""
    return Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).filter(
        Q(origin=Enrollment.Origin.LEARNER) | Q(last_activity_at__isnull=False)
    )


@transaction.atomic
def assignment_exempt(*, assignment: Assignment, by, reason: str) -> Assignment:
    """Exempt a person from an assignment (never overdue, counted as complete in compliance). Only a
    training admin, with a reason; audited."""
    assignment, reason = _decision_target(assignment, by=by, reason=reason)
    if assignment.exempt:
        raise InvalidDecision(_("This person is already exempt."))
    now = timezone.now()
    assignment.exempt, assignment.exemption_reason = True, reason
    assignment.exempted_by, assignment.exempted_at = by, now
    _settle_uncertified(assignment, timezone.localdate(), now, started=_has_started(assignment))
    assignment.full_clean()
    assignment.save()
    AssignmentEvent.objects.create(
        assignment=assignment, kind=AssignmentEvent.Kind.EXEMPTED, actor=by, at=now, reason=reason
    )
    return assignment


@transaction.atomic
def assignment_exemption_revoke(*, assignment: Assignment, by, reason: str) -> Assignment:
    """Withdraw an exemption; the assignment is overdue again at once if its due date has passed."""
    assignment, reason = _decision_target(assignment, by=by, reason=reason)
    if not assignment.exempt:
        raise InvalidDecision(_("This person is not exempt."))
    now = timezone.now()
    assignment.exempt = False
    _settle_uncertified(assignment, timezone.localdate(), now, started=_has_started(assignment))
    assignment.full_clean()
    assignment.save()
    AssignmentEvent.objects.create(
        assignment=assignment, kind=AssignmentEvent.Kind.EXEMPTION_REVOKED, actor=by, at=now, reason=reason
    )
    return assignment


@transaction.atomic
def assignment_extend(*, assignment: Assignment, by, due_on: datetime.date, reason: str) -> Assignment:
    """Give a person more time: a new due date, later than the current one and not in the past. An
    overdue assignment is no longer overdue. Only a training admin, with a reason; audited with the
    old and new dates."""
    assignment, reason = _decision_target(assignment, by=by, reason=reason)
    today = timezone.localdate()
    if due_on is None or due_on < today:
        raise InvalidDecision(_("The new due date cannot be in the past."))
    previous = assignment.effective_due_on
    if due_on <= previous:
        raise InvalidDecision(_("The new due date must be later than the current one (%(date)s).") % {"date": previous})
    now = timezone.now()
    assignment.extended_due_on, assignment.extension_reason = due_on, reason
    assignment.extended_by, assignment.extended_at = by, now
    _settle_uncertified(assignment, today, now, started=_has_started(assignment))
    assignment.full_clean()
    assignment.save()
    AssignmentEvent.objects.create(
        assignment=assignment,
        kind=AssignmentEvent.Kind.EXTENDED,
        actor=by,
        at=now,
        reason=reason,
        data={"from": previous.isoformat(), "to": due_on.isoformat()},
    )
    return assignment


# The learner ----------------------------------------------------------------------------------------


@transaction.atomic
def assignment_start_renewal(*, assignment: Assignment, user) -> list:
    """Let a person renew their certification: inside the renewal window or after expiry, each course
    of the curriculum they completed before starts afresh in the player (history kept; see
    courses.catalogue.services.enrollment_restart), and courses they never took are enrolled. Returns the
    curriculum's courses, in order, so the caller can send them to the first."""
    from courses.catalogue.services import enrollment_create, enrollment_restart

    if assignment.user_id != user.pk:
        raise PermissionDenied(_("This is not your assignment."))
    if assignment.ended_at is not None:
        raise AssignmentEnded(_("This assignment has ended."))
    if assignment.state not in (State.WINDOW_OPEN, State.EXPIRED):
        raise InvalidDecision(_("This training cannot be renewed yet."))
    courses = list(assignment.curriculum.courses.order_by("title"))
    window_start = rules.start_of_day(assignment.window_opens_on) if assignment.window_opens_on else None
    for course in courses:
        enrollment, _created = enrollment_create(user=user, course=course)
        finished_before_window = enrollment.status == Enrollment.Status.COMPLETED and (
            window_start is None or enrollment.completed_at is None or enrollment.completed_at < window_start
        )
        if finished_before_window:
            enrollment_restart(enrollment=enrollment)
    return courses
