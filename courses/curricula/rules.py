"""The date rules of curricula, as pure functions (no database): due dates, expiry, the renewal window
and when a set of course completions completes a curriculum. Services and selectors share them."""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fixed_day(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def local_date(moment: datetime.datetime) -> datetime.date:
    """The date of `moment` in the city's time zone (where deadlines are set)."""
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class RecertificationRule:
    period_months: int | None
    window_days: int
    method: str  # Curriculum.ExpiryMethod
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, curriculum) -> "RecertificationRule":
        return cls(
            period_months=curriculum.recert_period_months,
            window_days=curriculum.recert_window_days,
            method=curriculum.expiry_method,
            month=curriculum.expiry_month,
            day=curriculum.expiry_day,
        )

    def next_expiry(
        self, *, completed_on: datetime.date, previous_expires_on: datetime.date | None
    ) -> datetime.date | None:
        """When a certification completed on `completed_on` expires (None: it never does).

        - completion date: one period after the completion;
        - previous expiry: one period after the previous expiry when renewed before it, otherwise
          (first certification, or after expiry) one period after the completion;
        - fixed date: the first given month/day that is at least one period after the completion, so a
          renewal inside the window lands exactly one period after the previous expiry and nobody gets
          less than a full period.
        """
        if not self.period_months:
            return None
        from .models import Curriculum

        if self.method == Curriculum.ExpiryMethod.PREVIOUS_EXPIRY:
            if previous_expires_on is not None and completed_on < previous_expires_on:
                return add_months(previous_expires_on, self.period_months)
            return add_months(completed_on, self.period_months)
        if self.method == Curriculum.ExpiryMethod.FIXED_DATE and self.month and self.day:
            earliest = add_months(completed_on, self.period_months)
            candidate = _fixed_day(earliest.year, self.month, self.day)
            if candidate < earliest:
                candidate = _fixed_day(earliest.year + 1, self.month, self.day)
            return candidate
        return add_months(completed_on, self.period_months)

    def window_opens_on(self, expires_on: datetime.date | None) -> datetime.date | None:
        if expires_on is None:
            return None
        return expires_on - datetime.timedelta(days=self.window_days)


def due_on(curriculum, *, assigned_on: datetime.date) -> datetime.date:
    """The due date of an assignment made on `assigned_on`. With a fixed date, someone assigned too
    late to meet it (a new hire) still gets the curriculum's number of days."""
    relative = assigned_on + datetime.timedelta(days=curriculum.due_days)
    if curriculum.due_rule == curriculum.DueRule.FIXED_DATE and curriculum.due_date:
        return curriculum.due_date if assigned_on <= curriculum.due_date else relative
    return relative


def required_count(curriculum, course_count: int) -> int:
    """How many of the curriculum's courses complete it."""
    if curriculum.requirement == curriculum.Requirement.SOME and curriculum.min_courses:
        return min(curriculum.min_courses, course_count)
    return course_count


def cycle_completion(
    completions: Iterable[tuple[int, datetime.datetime]],
    *,
    course_ids: set[int],
    required: int,
    since: datetime.datetime | None,
) -> datetime.datetime | None:
    """When the curriculum was completed using only completions at or after `since` (None: any): the
    moment the `required`-th distinct course was first completed. None when not (yet) complete."""
    if required <= 0:
        return None
    first_per_course: dict[int, datetime.datetime] = {}
    for course_id, completed_at in completions:
        if course_id not in course_ids or (since is not None and completed_at < since):
            continue
        if course_id not in first_per_course or completed_at < first_per_course[course_id]:
            first_per_course[course_id] = completed_at
    if len(first_per_course) < required:
        return None
    return sorted(first_per_course.values())[required - 1]
