"""Compliance rollups: the counts the compliance pages read, kept exact as assignments change.

`ComplianceRollup` holds, per (department, curriculum, state, exempt), how many current assignments
(not ended) of active employees there are. Overdue, renewal windows and expiry are stored states
that the nightly calendar run advances (`assignments_advance_by_date`), so nothing in a key changes
by itself when a date passes: every change is a write, and every write moves the counts in its own
transaction:

- a write that changes assignments takes `key_counts` of them (locked) before and after and applies
  the difference (`rollup_apply`); single saves do it in the model signals (`receivers`), bulk writes
  in the curricula services (`kept`);
- an employee who changes department or is (de)activated moves the counts of their current
  assignments (`rollup_move_person`, from the Employee signals);
- moving a department in the tree changes no row: rows are keyed by department, and the subtree
  totals are summed on the tree paths when read.

Increments are one UPDATE … SET assignments = assignments + CASE … on rows locked in primary-key
order (no deadlock between two writers), created first with INSERT … ON CONFLICT DO NOTHING: safe
when many transactions count at once on PostgreSQL, and the same code on SQLite.

`compliance_rollup_repair` recomputes everything from the assignments (nightly), repairs and logs
any drift; there should be none.
"""

import logging
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from .models import Assignment, ComplianceRollup

logger = logging.getLogger(__name__)

State = Assignment.State
CHUNK = 2000
# A key: (department id, curriculum id, state, exempt).
Key = tuple[int, int, str, bool]
KEY_OF_ASSIGNMENT = ("user__employee__department_id", "curriculum_id", "state", "exempt")


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def counted(assignments):
    """The assignments a rollup counts: current ones of active employees (the compliance pages
    filter active curricula when they read, so deactivating a curriculum moves nothing)."""
    return assignments.filter(ended_at__isnull=True, user__employee__active=True)


def _group(assignments) -> Counter:
    rows = counted(assignments).values(*KEY_OF_ASSIGNMENT).annotate(n=Count("pk")).order_by()
    return Counter({tuple(row[name] for name in KEY_OF_ASSIGNMENT): row["n"] for row in rows})


def key_counts(assignment_ids: Iterable[int]) -> Counter:
    """How many of these assignments each rollup key counts now (one query per 2,000 ids)."""
    counts = Counter()
    for chunk in _chunks(sorted(set(assignment_ids))):
        counts.update(_group(Assignment.objects.filter(pk__in=chunk)))
    return counts


def difference(after: Counter, before: Counter) -> dict:
    """after − before, keeping negative numbers (Counter subtraction would drop them)."""
    delta = dict(after)
    for key, n in before.items():
        delta[key] = delta.get(key, 0) - n
    return {key: n for key, n in delta.items() if n}


def rollup_apply(delta: dict) -> None:
    """Add `delta` (key → signed number) to the rollup, inside the caller's transaction."""
    delta = {key: n for key, n in delta.items() if n}
    if not delta:
        return
    with transaction.atomic():
        ComplianceRollup.objects.bulk_create(
            [ComplianceRollup(department_id=d, curriculum_id=c, state=s, exempt=e) for d, c, s, e in delta],
            ignore_conflicts=True,
            batch_size=500,
        )
        department_ids = sorted({key[0] for key in delta})
        curriculum_ids = sorted({key[1] for key in delta})
        rows = (
            ComplianceRollup.objects.select_for_update()
            .filter(department_id__in=department_ids, curriculum_id__in=curriculum_ids)
            .order_by("pk")
            .values_list("pk", "department_id", "curriculum_id", "state", "exempt")
        )
        increments = [(pk, delta[key]) for pk, *rest in rows if (key := tuple(rest)) in delta]
        for chunk in _chunks(increments, 500):
            ComplianceRollup.objects.filter(pk__in=[pk for pk, _n in chunk]).update(
                assignments=F("assignments")
                + Case(*[When(pk=pk, then=Value(n)) for pk, n in chunk], default=Value(0), output_field=IntegerField())
            )


@contextmanager
def kept(assignment_ids: Iterable[int]):
    """Around a write to these assignments (already locked, or just created by this transaction):
    the rollup follows whatever the write changed."""
    assignment_ids = sorted(set(assignment_ids))
    before = key_counts(assignment_ids)
    yield
    rollup_apply(difference(key_counts(assignment_ids), before))


def lock(assignments) -> list[int]:
    """Lock these assignments (primary-key order) and return their ids: a write counted with
    `kept` must not race another writer of the same rows."""
    return list(assignments.select_for_update().order_by("pk").values_list("pk", flat=True))


def rollup_move_person(*, user_id: int, before: tuple[int, bool] | None, after: tuple[int, bool] | None) -> None:
    """An employee's (department, active) changed from `before` to `after` (None: no employee
    profile): their current assignments' counts move with them. Locks those assignments first, so
    a concurrent evaluation of the same person commits before they are counted."""
    if before == after:
        return
    current = Assignment.objects.filter(user_id=user_id, ended_at__isnull=True)
    if connection.in_atomic_block:
        lock(current)
    per_state = current.values("curriculum_id", "state", "exempt").annotate(n=Count("pk")).order_by()
    delta = Counter()
    for row in per_state:
        for side, sign in ((before, -1), (after, 1)):
            if side is not None and side[1]:
                delta[(side[0], row["curriculum_id"], row["state"], row["exempt"])] += sign * row["n"]
    rollup_apply(delta)


# The nightly check ------------------------------------------------------------------------------------


@dataclass
class RepairReport:
    rows: int = 0  # keys with assignments after the repair
    assignments: int = 0  # assignments counted
    drift: list = field(default_factory=list)  # (key, stored, actual) for every key that was wrong


def rollup_truth() -> Counter:
    """The rollup computed from the assignments themselves (one aggregate over all of them)."""
    return _group(Assignment.objects.all())


def rollup_stored() -> dict:
    """The rollup as stored: key → (row id, count)."""
    return {
        (d, c, s, e): (pk, n)
        for pk, d, c, s, e, n in ComplianceRollup.objects.values_list(
            "pk", "department_id", "curriculum_id", "state", "exempt", "assignments"
        )
    }


@transaction.atomic
def compliance_rollup_repair() -> RepairReport:
    """Recompute the rollup from the assignments, correct every row that differs (and delete the
    empty ones), and log each difference as a warning. On PostgreSQL the rollup table is locked
    against writers for the duration (readers go on), so the comparison sees one consistent state:
    a writer that changed assignments but not yet the rollup waits and counts on top of the repair."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {ComplianceRollup._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    truth = rollup_truth()
    stored = rollup_stored()
    report = RepairReport(rows=len(truth), assignments=sum(truth.values()))
    create, update = [], []
    for key, n in truth.items():
        pk, count = stored.get(key, (None, 0))
        if count != n:
            report.drift.append((key, count, n))
            if pk is None:
                create.append(ComplianceRollup(department_id=key[0], curriculum_id=key[1], state=key[2], exempt=key[3]))
                create[-1].assignments = n
            else:
                update.append((pk, n))
    empty = []
    for key, (pk, count) in stored.items():
        if key not in truth:
            empty.append(pk)
            if count:
                report.drift.append((key, count, 0))
    ComplianceRollup.objects.bulk_create(create, batch_size=500)
    for chunk in _chunks(update, 500):
        ComplianceRollup.objects.filter(pk__in=[pk for pk, _n in chunk]).update(
            assignments=Case(*[When(pk=pk, then=Value(n)) for pk, n in chunk], output_field=IntegerField())
        )
    for chunk in _chunks(empty):
        ComplianceRollup.objects.filter(pk__in=chunk).delete()
    for (department_id, curriculum_id, state, exempt), was, actual in report.drift:
        logger.warning(
            "Compliance rollup drift repaired: department %s, curriculum %s, state %s%s: stored %s, actual %s",
            department_id,
            curriculum_id,
            state,
            " (exempt)" if exempt else "",
            was,
            actual,
        )
    logger.info(
        "Compliance rollup checked: %s rows, %s assignments, %s drifted",
        report.rows,
        report.assignments,
        len(report.drift),
    )
    return report


# Reading ----------------------------------------------------------------------------------------------


def category_of(state: str, exempt: bool) -> str:
    """The compliance category (selectors.CATEGORIES) of an assignment in this state."""
    if state in Assignment.CERTIFIED:
        return "certified"
    if exempt:
        return "exempt"
    return {State.ASSIGNED: "not_started"}.get(state, state)


def rollup_rows(*, scope: Q, curriculum_id: int | None = None, path: str | None = None):
    """(department id, state, exempt, count) of active curricula, summed over curricula; `scope` a
    Q on `department__path`."""
    from django.db.models import Sum

    rows = ComplianceRollup.objects.filter(scope, curriculum__active=True).exclude(assignments=0)
    if curriculum_id is not None:
        rows = rows.filter(curriculum_id=curriculum_id)
    if path is not None:
        rows = rows.filter(department__path__startswith=path)
    return rows.values_list("department_id", "state", "exempt").annotate(n=Sum("assignments")).order_by()
