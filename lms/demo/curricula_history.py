"""More demo curricula, after "Anti-Racism Foundations" (curricula/demo.py):

- imported historic completions of Anti-Racism Foundations (through the real import, audited), so
  some people's certification has expired and some are in the renewal window;
- "New Hire Equity Essentials": people hired within 90 days, due 30 days after assignment, two of
  three courses;
- "Language Access for Front-Line Staff": front-line job titles of the 311 contact centre and the
  libraries, recertified every 12 months on a fixed date.

Idempotent: curricula are matched by code, the historic file is imported once (by its audit record),
completions are made once per person and course."""

import datetime
import random

from django.utils import timezone

from courses.catalogue.models import CourseCompletion
from courses.curricula import services
from courses.curricula.import_services import completions_import
from courses.curricula.models import Assignment, CompletionImport, Curriculum

HISTORY_FILE = "demo-historic-completions.csv"
NEW_HIRES = "new-hire-equity-essentials"
LANGUAGE_ACCESS = "language-access-front-line"
NEW_HIRE_COURSES = ["understanding-implicit-bias", "ada-and-accessible-city-services", "fair-housing-basics"]
LANGUAGE_ACCESS_COURSES = ["language-access-in-city-services"]
FRONT_LINE_TITLES = [
    "Customer Service Agent",
    "Bilingual Customer Service Agent",
    "Team Lead",
    "Librarian",
    "Library Assistant",
    "Youth Services Librarian",
]


def seed(demo, foundations: Curriculum) -> None:
    today = timezone.localdate()
    _import_history(demo, foundations, today)
    _new_hires(demo, today)
    _language_access(demo, today)
    services.assignments_advance_by_date()


def _courses(demo, slugs):
    return [demo.courses[slug] for slug in slugs if slug in demo.courses]


def _import_history(demo, foundations, today):
    """Paper-era completions of Anti-Racism Foundations for some people who have not completed it
    in this system: about 28 months ago (expired now) or 23 months ago (renewal window open)."""
    if CompletionImport.objects.filter(file_name=HISTORY_FILE, outcome=CompletionImport.Outcome.APPLIED).exists():
        return
    courses = list(foundations.courses.order_by("pk"))
    uncertified = (
        Assignment.objects.filter(curriculum=foundations, ended_at__isnull=True, completed_at__isnull=True)
        .select_related("user__employee")
        .order_by("user_id")
    )
    rng = random.Random(20240611)
    lines = ["employee_number,course_slug,completed_at,source_note"]
    for assignment in uncertified:
        roll = rng.random()
        if roll < 0.25:
            days_ago = rng.randint(800, 900)  # certified about 28 months ago: expired since
        elif roll < 0.4:
            days_ago = rng.randint(680, 710)  # 23 months ago: inside the 60-day window
        else:
            continue
        done_on = today - datetime.timedelta(days=days_ago)
        for offset, course in enumerate(courses):
            day = (done_on + datetime.timedelta(days=offset)).isoformat()
            number = assignment.user.employee.employee_number
            lines.append(f"{number},{course.slug},{day},Classroom sign-in sheet (scanned)")
    if len(lines) == 1:
        return
    run, _plan = completions_import(data=("\n".join(lines) + "\n").encode(), file_name=HISTORY_FILE)
    demo.say(f"curricula: imported {run.created} historic completions ({run.certified} assignments updated)")


def _complete(curriculum, courses, *, share, seed, days):
    """Completions for a stable share of the assigned people (the same people on every run)."""
    user_ids = sorted(
        Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True).values_list("user_id", flat=True)
    )
    existing = set(
        CourseCompletion.objects.filter(user_id__in=user_ids, course__in=courses).values_list("user_id", "course_id")
    )
    rng = random.Random(seed)
    new = []
    for user_id in user_ids:
        roll, days_ago = rng.random(), rng.randint(*days)
        if roll < share:
            taken = courses
        elif len(courses) > 1 and roll < share + 0.15:
            taken = courses[:1]  # started: one course done
        else:
            taken = []
        for offset, course in enumerate(taken):
            if (user_id, course.pk) not in existing:
                when = timezone.now() - datetime.timedelta(days=max(days_ago - offset, 0), hours=2 + offset)
                new.append(CourseCompletion(user_id=user_id, course=course, completed_at=when, source="learner"))
    CourseCompletion.objects.bulk_create(new, batch_size=500)


def _assign_as_of(curriculum, day):
    """Reconcile as if on `day` (assignment date and due date of that day)."""
    result = services.assignments_reconcile(curriculum_id=curriculum.pk, today=day)
    if result.created:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(3)))
        Assignment.objects.filter(curriculum=curriculum, assigned_at__date__gt=day).update(assigned_at=moment)


def _say(demo, curriculum):
    current = Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True)
    counts = {label: current.filter(state=state).count() for state, label in Assignment.State.choices}
    demo.say(
        f"curricula: {curriculum.name}: {current.count()} assigned ("
        + ", ".join(f"{count} {str(label).lower()}" for label, count in counts.items() if count)
        + ")"
    )


def _new_hires(demo, today):
    courses = _courses(demo, NEW_HIRE_COURSES)
    if len(courses) < 2:
        return
    curriculum, _created = Curriculum.objects.get_or_create(
        slug=NEW_HIRES,
        defaults={
            "name": "New Hire Equity Essentials",
            "description": (
                "Every new employee's first equity training: implicit bias, accessible services and fair "
                "housing. Two of the three courses within 30 days of starting."
            ),
            "requirement": Curriculum.Requirement.SOME,
            "min_courses": 2,
            "audience_hired_within_days": 90,
            "due_days": 30,
            "reminder_days_before_due": "7,2",
            "head_digest_every_days": 7,
        },
    )
    curriculum.courses.set(courses)
    services.assignments_reconcile(curriculum_id=curriculum.pk)
    # As if each person had been assigned on their first day: those who started over 30 days ago
    # and have not finished are overdue.
    for assignment in Assignment.objects.filter(
        curriculum=curriculum, ended_at__isnull=True, user__employee__hire_date__isnull=False
    ).select_related("user__employee"):
        hired = assignment.user.employee.hire_date
        Assignment.objects.filter(pk=assignment.pk).update(
            assigned_at=timezone.make_aware(datetime.datetime.combine(hired, datetime.time(9))),
            due_on=hired + datetime.timedelta(days=curriculum.due_days),
        )
    _complete(curriculum, courses, share=0.5, seed=20250301, days=(1, 20))
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    _say(demo, curriculum)


def _language_access(demo, today):
    courses = _courses(demo, LANGUAGE_ACCESS_COURSES)
    if not courses:
        return
    curriculum, created = Curriculum.objects.get_or_create(
        slug=LANGUAGE_ACCESS,
        defaults={
            "name": "Language Access for Front-Line Staff",
            "description": (
                "Serving residents in their language: interpreters, translated material and the city's "
                "language access plan. For front-line staff of the 311 contact centre and the libraries; "
                "renewed every year by June 30."
            ),
            "audience_job_titles": "\n".join(FRONT_LINE_TITLES),
            "due_days": 45,
            "recert_period_months": 12,
            "recert_window_days": 45,
            "expiry_method": Curriculum.ExpiryMethod.FIXED_DATE,
            "expiry_month": 6,
            "expiry_day": 30,
            "reminder_days_before_due": "14,3",
        },
    )
    curriculum.courses.set(courses)
    departments = [demo.departments[code] for code in ("contact-311", "libraries") if code in demo.departments]
    if created and departments:
        curriculum.audience_departments.set(departments)
    _assign_as_of(curriculum, today - datetime.timedelta(days=60))
    _complete(curriculum, courses, share=0.7, seed=20250415, days=(5, 55))
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    _say(demo, curriculum)
