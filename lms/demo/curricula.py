"""Demo curricula: the city's mandatory "Anti-Racism Foundations", assigned to every employee, with
enough completions (and overdue people) that /compliance/ shows realistic figures. Idempotent: the
curriculum is matched by its code, assignments by reconciliation, completions by person and course.

Written defensively: with no employees (the people seeder not there yet) it only creates the
curriculum; with missing demo courses it uses the ones that exist."""

import datetime
import random

from django.utils import timezone

from courses.catalogue.models import Course, CourseCompletion
from courses.curricula import services
from courses.curricula.models import Assignment, Curriculum

from . import curricula_history

SLUG = "anti-racism-foundations"
COURSE_SLUGS = ["foundations-of-anti-racism", "understanding-implicit-bias"]
# Share of people who completed, and of the rest who started (one of the two courses).
COMPLETED_SHARE = 0.62
STARTED_SHARE = 0.4


def seed(demo):
    """Demo data of this app (see people/management/commands/seed_demo.py)."""
    courses = [demo.courses.get(slug) for slug in COURSE_SLUGS]
    courses = [course for course in courses if course is not None] or list(Course.objects.filter(slug__in=COURSE_SLUGS))
    if not courses:
        demo.say("curricula: no demo courses, nothing to assign")
        return
    curriculum, created = Curriculum.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Anti-Racism Foundations",
            "description": (
                "The city's mandatory anti-racism curriculum for every employee: the foundations of "
                "anti-racism and how implicit bias shapes city services. New employees complete it within "
                "60 days; everyone renews it every two years."
            ),
            "due_days": 60,
            "recert_period_months": 24,
            "recert_window_days": 60,
            "expiry_method": Curriculum.ExpiryMethod.COMPLETION_DATE,
            "reminder_days_before_due": "14,3",
            "head_digest_every_days": 7,
        },
    )
    curriculum.courses.set(courses)

    today = timezone.localdate()
    # Assigned 90 days ago, so that those who have not finished are overdue.
    assigned_on = today - datetime.timedelta(days=90)
    result = services.assignments_reconcile(curriculum_id=curriculum.pk, today=assigned_on)
    if result.created:
        Assignment.objects.filter(curriculum=curriculum, assigned_at__date__gte=today).update(
            assigned_at=timezone.now() - datetime.timedelta(days=90)
        )
    _complete_some(curriculum, courses, today)
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    services.assignments_advance_by_date()
    curricula_history.seed(demo, curriculum)
    counts = {
        label: Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True, state=state).count()
        for state, label in Assignment.State.choices
    }
    demo.say(
        f"curricula: {curriculum.name}: {sum(counts.values())} assigned ("
        + ", ".join(f"{count} {str(label).lower()}" for label, count in counts.items() if count)
        + ")"
    )


def _complete_some(curriculum, courses, today):
    """Completions for a stable share of the assigned people (same people on every run)."""
    user_ids = sorted(
        Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True).values_list("user_id", flat=True)
    )
    existing = set(
        CourseCompletion.objects.filter(user_id__in=user_ids, course__in=courses).values_list("user_id", "course_id")
    )
    chooser = random.Random(20260105)
    new = []
    for user_id in user_ids:
        roll = chooser.random()
        days_ago = chooser.randint(5, 80)
        if roll < COMPLETED_SHARE:
            taken = courses
        elif roll < COMPLETED_SHARE + (1 - COMPLETED_SHARE) * STARTED_SHARE:
            taken = courses[:1]
        else:
            taken = []
        for offset, course in enumerate(taken):
            if (user_id, course.pk) in existing:
                continue
            completed_at = timezone.now() - datetime.timedelta(days=days_ago - offset * 2, hours=offset)
            new.append(CourseCompletion(user_id=user_id, course=course, completed_at=completed_at, source="learner"))
    CourseCompletion.objects.bulk_create(new, batch_size=500)
