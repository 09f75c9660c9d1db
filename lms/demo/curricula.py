"""Demo curricula: the city's mandatory "Anti-Racism Foundations", assigned to every employee, with
enough completions (and overdue people) that /compliance/ shows realistic figures; then the others
(`curricula_history`). The definitions are data: data/curricula.json.

Assignments and their states go through `courses.curricula.services`, completions through
`courses.catalogue.services.course_completion_record`. A curriculum has no create service (training
admins define them in the Wagtail admin): it is created with its model and `full_clean()`. To look
as if the city had run it for months, assignment dates are moved back with plain updates.

Idempotent: the curriculum is matched by its code, assignments by reconciliation, completions by
person and course. Written defensively: with no employees (the people seeder not there yet) it only
creates the curriculum; with missing demo courses it uses the ones that exist."""

import datetime
import random

from django.utils import timezone

from courses.catalogue.models import Course, CourseCompletion
from courses.curricula import services
from courses.curricula.models import Assignment

from . import curricula_history, loader
from .curricula_history import completions_record, curriculum_get_or_create


def definitions():
    """data/curricula.json: the curricula and how far along the demo city is with each."""
    return loader.load("curricula")


FOUNDATIONS = definitions()["foundations"]
SLUG = FOUNDATIONS["curriculum"]["slug"]
COURSE_SLUGS = FOUNDATIONS["courses"]
COMPLETIONS_SEED = 20260105  # the random seed: the same people complete on every run


def seed(demo):
    """Demo data of this app (see people/management/commands/seed_demo.py)."""
    spec = definitions()["foundations"]
    courses = [demo.courses.get(slug) for slug in spec["courses"]]
    courses = [course for course in courses if course is not None] or list(
        Course.objects.filter(slug__in=spec["courses"])
    )
    if not courses:
        demo.say("curricula: no demo courses, nothing to assign")
        return
    curriculum, _created = curriculum_get_or_create(spec)
    curriculum.courses.set(courses)

    today = timezone.localdate()
    # Assigned months ago, so that those who have not finished are overdue.
    days_ago = spec["assigned_days_ago"]
    assigned_on = today - datetime.timedelta(days=days_ago)
    result = services.assignments_reconcile(curriculum_id=curriculum.pk, today=assigned_on)
    if result.created:
        Assignment.objects.filter(curriculum=curriculum, assigned_at__date__gte=today).update(
            assigned_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
    _complete_some(curriculum, courses, spec)
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


def _complete_some(curriculum, courses, spec):
    """Completions for a stable share of the assigned people (same people on every run): all courses
    for `completed_share` of them, the first course for `started_share` of the rest."""
    completed, started = spec["completed_share"], spec["started_share"]
    user_ids = sorted(
        Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True).values_list("user_id", flat=True)
    )
    existing = set(
        CourseCompletion.objects.filter(user_id__in=user_ids, course__in=courses).values_list("user_id", "course_id")
    )
    chooser = random.Random(COMPLETIONS_SEED)
    new = []
    for user_id in user_ids:
        roll = chooser.random()
        days_ago = chooser.randint(*spec["completed_days_ago"])
        if roll < completed:
            taken = courses
        elif roll < completed + (1 - completed) * started:
            taken = courses[:1]
        else:
            taken = []
        for offset, course in enumerate(taken):
            if (user_id, course.pk) in existing:
                continue
            completed_at = timezone.now() - datetime.timedelta(days=days_ago - offset * 2, hours=offset)
            new.append((user_id, course, completed_at))
    completions_record(new)
