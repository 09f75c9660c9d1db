"""What saving a curriculum would do, computed without writing: the admin shows it before saving.

Uses the same audience rule and date rules as reconciliation (courses.curricula.audience, courses.curricula.rules), so
the preview and what reconciliation then does agree."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from courses.catalogue.models import CourseCompletion
from courses.people.models import Employee

from . import rules
from .audience import AudienceRule
from .models import Assignment, Curriculum


@dataclass(frozen=True)
class AudiencePreview:
    assigned: int  # people with a current assignment after saving
    new: int  # of whom newly assigned
    ending: int  # current assignments that would end (history kept)
    already_complete: int  # new people whose earlier completions already satisfy it
    due_on: datetime.date  # the due date of people assigned today (never in the past: see rules.due_on)


def curriculum_preview(
    *,
    curriculum: Curriculum,
    course_ids: list[int],
    department_ids: list[int],
    today: datetime.date | None = None,
) -> AudiencePreview:
    """How many people `curriculum` (saved or not, with the given courses and departments, which an
    unsaved form cannot put on the instance yet) would assign and end today. Reads only; a handful
    of queries whatever the number of people."""
    today = today or timezone.localdate()
    due = rules.due_on(curriculum, assigned_on=today)
    current = set()
    if curriculum.pk:
        current = set(
            Assignment.objects.filter(curriculum_id=curriculum.pk, ended_at__isnull=True).values_list(
                "user_id", flat=True
            )
        )
    if not curriculum.active:
        return AudiencePreview(0, 0, len(current), 0, due)
    rule = AudienceRule(
        department_ids=tuple(sorted(department_ids)),
        job_titles=tuple(curriculum.job_titles),
        hired_within_days=curriculum.audience_hired_within_days,
    )
    keep = set(rule.employees(today=today, for_entry=False).values_list("user_id", flat=True))
    if rule.hired_within_days is None:
        entry = keep
    else:
        entry = set(rule.employees(today=today, for_entry=True).values_list("user_id", flat=True))
    joining = entry - current
    ending = current - keep
    staying = current & keep

    already_complete = 0
    required = rules.required_count(curriculum, len(course_ids))
    if joining and course_ids and required:
        completions = CourseCompletion.objects.filter(user_id__in=joining, course_id__in=course_ids)
        if curriculum.recert_period_months:
            # Older completions than one period would already have expired.
            since = rules.add_months(today, -curriculum.recert_period_months)
            completions = completions.filter(completed_at__gte=rules.start_of_day(since))
        per_person = Counter(user_id for user_id, _course in completions.values_list("user_id", "course_id").distinct())
        already_complete = sum(1 for count in per_person.values() if count >= required)
    return AudiencePreview(
        assigned=len(staying) + len(joining),
        new=len(joining),
        ending=len(ending),
        already_complete=already_complete,
        due_on=due,
    )


PEOPLE_PER_PAGE = 50
SEARCH_MAX_LENGTH = 100


def curriculum_preview_people(
    *,
    curriculum: Curriculum,
    department_ids: list[int],
    query: str = "",
    page: str | int | None = 1,
    today: datetime.date | None = None,
):
    """Who `curriculum` (saved or not) would have assigned after saving today: the people the
    counts of `curriculum_preview` count as assigned, as a page of PEOPLE_PER_PAGE employees (name,
    employee number, department, job title; `is_new` for those newly assigned), by name, optionally
    searched by part of a name or employee number. Read only; a constant number of queries per page,
    computed in the database whatever the audience's size. A bad page number gives the nearest page."""
    today = today or timezone.localdate()
    if not curriculum.active:
        people = Employee.objects.none()
    else:
        rule = AudienceRule(
            department_ids=tuple(sorted(department_ids)),
            job_titles=tuple(curriculum.job_titles),
            hired_within_days=curriculum.audience_hired_within_days,
        )
        current = Assignment.objects.filter(
            curriculum_id=curriculum.pk or 0, ended_at__isnull=True, user_id=OuterRef("user_id")
        )
        people = rule.employees(today=today, for_entry=False)
        if rule.hired_within_days is not None:
            entry = rule.employees(today=today, for_entry=True)
            people = people.filter(Q(Exists(current)) | Q(pk__in=entry.values("pk")))
        people = people.annotate(is_new=~Exists(current))
    # A NUL character cannot reach PostgreSQL (it would be a server error): it is dropped.
    for word in (query or "").replace("\x00", "").strip()[:SEARCH_MAX_LENGTH].split():
        people = people.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(employee_number__icontains=word)
        )
    people = people.select_related("user", "department").order_by(
        "user__last_name", "user__first_name", "employee_number"
    )
    return Paginator(people, PEOPLE_PER_PAGE).get_page(page)
