"""More demo curricula, after "Anti-Racism Foundations" (`lms.demo.curricula`):

- imported historic completions of Anti-Racism Foundations (through the real import, audited), so
  some people's certification has expired and some are in the renewal window;
- "New Hire Equity Essentials": people hired within 90 days, due 30 days after assignment, two of
  three courses;
- "Language Access for Front-Line Staff": front-line job titles of the 311 contact centre and the
  libraries, recertified every 12 months on a fixed date.

The definitions are data (data/curricula.json); the history is imported through the completions
import service, completions recorded through the catalogue's service, assignments reconciled and
evaluated through `courses.curricula.services` (see `lms.demo.curricula` for what has no service).

It also holds what both curricula modules use: `curriculum_get_or_create` and `completions_record`.

Idempotent: curricula are matched by code, the historic file is imported once (by its audit record),
completions are made once per person and course."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.catalogue.models import CourseCompletion
from courses.catalogue.services import course_completion_record
from courses.curricula import services
from courses.curricula.import_services import completions_import
from courses.curricula.models import Assignment, CompletionImport, Curriculum

from . import loader

_DEFINITIONS = loader.load("curricula")
HISTORY_FILE = _DEFINITIONS["historic_completions"]["file_name"]
NEW_HIRES = _DEFINITIONS["new_hires"]["curriculum"]["slug"]
LANGUAGE_ACCESS = _DEFINITIONS["language_access"]["curriculum"]["slug"]
NEW_HIRE_COURSES = _DEFINITIONS["new_hires"]["courses"]
LANGUAGE_ACCESS_COURSES = _DEFINITIONS["language_access"]["courses"]
# Random seeds: the same history and the same people complete on every run.
HISTORY_SEED, NEW_HIRES_SEED, LANGUAGE_ACCESS_SEED = 20240611, 20250301, 20250415


def curriculum_get_or_create(spec):
    """The curriculum of `spec["curriculum"]` (matched by slug), created if missing; an existing one
    is left as a training admin may have changed it. Returns (curriculum, created)."""
    fields = dict(spec["curriculum"])
    if "audience_job_titles" in spec:
        fields["audience_job_titles"] = "\n".join(spec["audience_job_titles"])
    curriculum = Curriculum.objects.filter(slug=fields["slug"]).first()
    if curriculum is not None:
        return curriculum, False
    curriculum = Curriculum(**fields)
    curriculum.full_clean()
    curriculum.save()
    return curriculum, True


def completions_record(new):
    """Record `(user_id, course, completed_at)` completions through the catalogue's service, in order."""
    users = get_user_model().objects.in_bulk({user_id for user_id, _course, _when in new})
    for user_id, course, completed_at in new:
        course_completion_record(user=users[user_id], course=course, completed_at=completed_at, source="learner")


def seed(demo, foundations: Curriculum) -> None:
    definitions = loader.load("curricula")
    today = timezone.localdate()
    _import_history(demo, foundations, today, definitions["historic_completions"])
    _new_hires(demo, definitions["new_hires"])
    _language_access(demo, today, definitions["language_access"])
    services.assignments_advance_by_date()


def _courses(demo, slugs):
    return [demo.courses[slug] for slug in slugs if slug in demo.courses]


def _import_history(demo, foundations, today, spec):
    """Paper-era completions of Anti-Racism Foundations for some people who have not completed it
    in this system: about 28 months ago (expired now) or 23 months ago (renewal window open)."""
    file_name = spec["file_name"]
    if CompletionImport.objects.filter(file_name=file_name, outcome=CompletionImport.Outcome.APPLIED).exists():
        return
    courses = list(foundations.courses.order_by("pk"))
    uncertified = (
        Assignment.objects.filter(curriculum=foundations, ended_at__isnull=True, completed_at__isnull=True)
        .select_related("user__employee")
        .order_by("user_id")
    )
    rng = random.Random(HISTORY_SEED)
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
            lines.append(f"{number},{course.slug},{day},{spec['source_note']}")
    if len(lines) == 1:
        return
    run, _plan = completions_import(data=("\n".join(lines) + "\n").encode(), file_name=file_name)
    demo.say(f"curricula: imported {run.created} historic completions ({run.certified} assignments updated)")


def _complete(curriculum, courses, spec, *, seed):
    """Completions for a stable share of the assigned people (the same people on every run): all
    courses for `completed_share` of them, the first one for a few more."""
    share = spec["completed_share"]
    user_ids = sorted(
        Assignment.objects.filter(curriculum=curriculum, ended_at__isnull=True).values_list("user_id", flat=True)
    )
    existing = set(
        CourseCompletion.objects.filter(user_id__in=user_ids, course__in=courses).values_list("user_id", "course_id")
    )
    rng = random.Random(seed)
    new = []
    for user_id in user_ids:
        roll, days_ago = rng.random(), rng.randint(*spec["completed_days_ago"])
        if roll < share:
            taken = courses
        elif len(courses) > 1 and roll < share + 0.15:
            taken = courses[:1]  # started: one course done
        else:
            taken = []
        for offset, course in enumerate(taken):
            if (user_id, course.pk) not in existing:
                when = timezone.now() - datetime.timedelta(days=max(days_ago - offset, 0), hours=2 + offset)
                new.append((user_id, course, when))
    completions_record(new)


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


def _new_hires(demo, spec):
    courses = _courses(demo, spec["courses"])
    if len(courses) < 2:
        return
    curriculum, _created = curriculum_get_or_create(spec)
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
    _complete(curriculum, courses, spec, seed=NEW_HIRES_SEED)
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    _say(demo, curriculum)


def _language_access(demo, today, spec):
    courses = _courses(demo, spec["courses"])
    if not courses:
        return
    curriculum, created = curriculum_get_or_create(spec)
    curriculum.courses.set(courses)
    departments = [demo.departments[code] for code in spec["audience_departments"] if code in demo.departments]
    if created and departments:
        curriculum.audience_departments.set(departments)
    _assign_as_of(curriculum, today - datetime.timedelta(days=spec["assigned_days_ago"]))
    _complete(curriculum, courses, spec, seed=LANGUAGE_ACCESS_SEED)
    services.assignments_evaluate_curriculum(curriculum_id=curriculum.pk)
    _say(demo, curriculum)
