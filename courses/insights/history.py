"""The monthly history behind the trends: counts of everyone (no groups) per department subtree.

The nightly snapshot records the current month (`record_month`), so each past month keeps its last
night. Months before the first snapshot are reconstructed from the dates the engine keeps
(`reconstruct`): an assignment counts from its assignment date until it ended, as certified from its
completion date and as overdue from the day after its due date; participation counts the people who
completed a course or attended a session in the twelve months before the month's end. Exemptions and
expiries have no history and are taken as they are today, which the page says.
"""

import datetime

from django.utils import timezone

from courses.catalogue.models import Course, CourseCompletion
from courses.curricula.models import Assignment
from courses.people.models import Employee
from courses.scheduling.models import Registration

from . import figures
from .models import InsightsMonth

MONTHS = 24


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def previous_months(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """The first days of the `count` months ending with today's, oldest first."""
    months = [month_start(today)]
    while len(months) < count:
        months.append(month_start(months[-1] - datetime.timedelta(days=1)))
    return months[::-1]


def month_end(month: datetime.date) -> datetime.date:
    return month_start(month + datetime.timedelta(days=32)) - datetime.timedelta(days=1)


def record_month(totals: dict, *, today: datetime.date | None = None) -> InsightsMonth:
    """Store tonight's counts as the current month's (replacing an earlier night of the same month)."""
    month = month_start(today or timezone.localdate())
    record, _created = InsightsMonth.objects.update_or_create(
        month=month, defaults={"source": InsightsMonth.Source.NIGHTLY, "data": totals}
    )
    return record


def reconstruct(*, today: datetime.date | None = None, months: int = MONTHS) -> int:
    """Fill the months of the last `months` that have no record, from dates (a constant number of
    queries, whatever the number of months). Returns how many months were written."""
    today = today or timezone.localdate()
    wanted = previous_months(today, months)
    have = set(InsightsMonth.objects.filter(month__in=wanted).values_list("month", flat=True))
    missing = [month for month in wanted if month not in have]
    if not missing:
        return 0
    _rows, parents = figures._departments()
    employees = dict(Employee.objects.filter(active=True).values_list("user_id", "department_id"))
    assignments = list(
        Assignment.objects.filter(curriculum__active=True).values_list(
            "user_id", "assigned_at", "ended_at", "completed_at", "due_on", "extended_due_on", "exempt"
        )
    )
    completions = list(CourseCompletion.objects.values_list("user_id", "completed_at"))
    attendance = list(
        Registration.objects.filter(state=Registration.State.ATTENDED, user__isnull=False).values_list(
            "user_id", "session__starts_at", "session__course__format"
        )
    )
    zone = timezone.get_current_timezone()
    written = []
    for month in missing:
        end_day = month_end(month)
        end = datetime.datetime.combine(end_day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
        since = end - datetime.timedelta(days=figures.PARTICIPATION_DAYS)
        rows = []
        for user_id, assigned_at, ended_at, completed_at, due_on, extended_due_on, exempt in assignments:
            if assigned_at >= end or (ended_at is not None and ended_at < end):
                continue
            if completed_at is not None and completed_at < end:
                state = Assignment.State.COMPLETE
            elif (extended_due_on or due_on) < end_day:
                state = Assignment.State.OVERDUE
            else:
                state = Assignment.State.ASSIGNED
            rows.append((user_id, None, state, exempt, completed_at, due_on, extended_due_on))
        participation = {measure: set() for measure in figures.PARTICIPATION_MEASURES}
        for user_id, completed_at in completions:
            if since <= completed_at < end:
                participation["completed"].add(user_id)
        for user_id, starts_at, course_format in attendance:
            if since <= starts_at < end:
                measure = "circle" if course_format == Course.Format.READING_CIRCLE else "attended"
                participation[measure].add(user_id)
        data = {"employees": employees, "parents": parents, "assignments": rows, "participation": participation}
        written.append(InsightsMonth(month=month, source=InsightsMonth.Source.RECONSTRUCTED, data=figures.totals(data)))
    InsightsMonth.objects.bulk_create(written, ignore_conflicts=True)
    return len(written)


def months_for(today: datetime.date | None = None, count: int = MONTHS) -> list[InsightsMonth]:
    """The recorded months of the last `count`, oldest first (one query)."""
    wanted = previous_months(today or timezone.localdate(), count)
    return list(InsightsMonth.objects.filter(month__gte=wanted[0]).order_by("month"))
