"""Reads of the evaluations app: what a person is invited to evaluate, and the published figures.

Figures read every response of the scope once (plain values, a constant number of queries) and are
computed by `figures`; comments are shuffled on every read, so their order says nothing.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.catalogue.models import Course, CourseCompletion
from courses.people import roles
from courses.scheduling.models import Registration, Session

from . import figures
from .models import EvaluationForm, EvaluationReceipt, EvaluationResponse

INVITATION_DAYS = 90  # how long after a session or a completion the invitation stays on /learn/
ANSWER_FIELDS = [
    "course_id",
    "session_id",
    "relevance",
    "facilitation",
    "recommend",
    "skill_1_before",
    "skill_1_now",
    "skill_2_before",
    "skill_2_now",
    "skill_3_before",
    "skill_3_now",
    "comment",
]
_shuffle = random.SystemRandom().shuffle


# What a person may evaluate ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    kind: str  # "session" or "course"
    object_id: int
    title: str
    on: datetime.datetime | datetime.date


def skills_of(course_id: int) -> list[str]:
    form = EvaluationForm.objects.filter(course_id=course_id).first()
    return form.skills if form is not None else [str(skill) for skill in figures.DEFAULT_SKILLS]


def has_attended(user, session: Session) -> bool:
    return Registration.objects.filter(session=session, user=user, state=Registration.State.ATTENDED).exists()


def has_completed(user, course: Course) -> bool:
    return CourseCompletion.objects.filter(user=user, course=course).exists()


def has_answered(user, *, course: Course, session: Session | None) -> bool:
    return EvaluationReceipt.objects.filter(user=user, course=course, session=session).exists()


def pending_for(user, *, now=None) -> list[Pending]:
    """Sessions attended and courses completed in the last INVITATION_DAYS that the person has not
    evaluated yet, newest first. Three queries."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=INVITATION_DAYS)
    answered_sessions = set(
        EvaluationReceipt.objects.filter(user=user, session__isnull=False).values_list("session_id", flat=True)
    )
    answered_courses = set(
        EvaluationReceipt.objects.filter(user=user, session__isnull=True).values_list("course_id", flat=True)
    )
    attended = (
        Registration.objects.filter(user=user, state=Registration.State.ATTENDED, session__starts_at__gte=since)
        .select_related("session", "session__course", "session__series")
        .order_by("-session__starts_at")
    )
    pending = [
        Pending("session", r.session_id, r.session.display_title, r.session.starts_at)
        for r in attended
        if r.session_id not in answered_sessions
    ]
    completions = (
        CourseCompletion.objects.filter(user=user, completed_at__gte=since)
        .select_related("course")
        .order_by("-completed_at")
    )
    seen = set()
    for completion in completions:
        if completion.course_id in answered_courses or completion.course_id in seen:
            continue
        seen.add(completion.course_id)
        pending.append(Pending("course", completion.course_id, completion.course.title, completion.completed_at))
    return pending


def learn_panel_context(request):
    """The /learn/ panel: evaluations waiting for the person; left out when there are none."""
    if not roles.is_employee(request.user):
        return None
    pending = pending_for(request.user)
    if not pending:
        return None
    return {"pending_evaluations": pending}


# Figures ----------------------------------------------------------------------------------------------


def unit_of(response: dict):
    return ("session", response["session_id"]) if response["session_id"] else ("course", response["course_id"])


@dataclass
class Group:
    """One row of figures: a course, series, facilitator or session, and its summary (None while
    fewer than MIN_RESPONSES published responses)."""

    key: object
    label: str
    summary: figures.Summary | None
    skills: list[str]
    course_id: int | None = None
    when: datetime.datetime | None = None


def _responses(sessions=None) -> list[dict]:
    queryset = EvaluationResponse.objects.all()
    if sessions is not None:
        queryset = queryset.filter(session__in=sessions)
    return list(queryset.values(*ANSWER_FIELDS))


def _skills_by_course(course_ids) -> dict[int, list[str]]:
    forms = {f.course_id: f.skills for f in EvaluationForm.objects.filter(course_id__in=course_ids)}
    default = [str(skill) for skill in figures.DEFAULT_SKILLS]
    return {course_id: forms.get(course_id, default) for course_id in course_ids}


def _group(key, label, responses, skills, **extra) -> Group:
    if len(responses) < figures.MIN_RESPONSES:
        return Group(key=key, label=label, summary=None, skills=skills, **extra)
    summary = figures.summarise(responses, len(skills))
    _shuffle(summary.comments)
    return Group(key=key, label=label, summary=summary, skills=skills, **extra)


def _published(responses):
    units = figures.published_units(responses, unit_of)
    return [r for r in responses if unit_of(r) in units], units


def _session_facts(session_ids):
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=session_ids).select_related("series", "course")}
    facilitators = defaultdict(set)
    for session_id, user_id in Session.facilitators.through.objects.filter(session_id__in=session_ids).values_list(
        "session_id", "user_id"
    ):
        facilitators[session_id].add(user_id)
    return sessions, facilitators


def organisation_figures() -> dict:
    """Every published figure, per course, series and facilitator (analysts and training admins)."""
    responses = _responses()
    published, units = _published(responses)
    session_ids = {r["session_id"] for r in responses if r["session_id"]}
    sessions, facilitators = _session_facts(session_ids)
    course_ids = sorted({r["course_id"] for r in responses})
    titles = dict(Course.objects.filter(pk__in=course_ids).values_list("pk", "title"))
    skills = _skills_by_course(course_ids)
    by_course, by_series, by_facilitator = defaultdict(list), defaultdict(list), defaultdict(list)
    for response in published:
        by_course[response["course_id"]].append(response)
        session = sessions.get(response["session_id"])
        if session is not None and session.series_id:
            by_series[session.series_id].append(response)
        for user_id in facilitators.get(response["session_id"], ()):
            by_facilitator[user_id].append(response)
    all_series = {s.series_id: s.series for s in sessions.values() if s.series_id}
    names = {
        u.pk: u.get_full_name() or u.get_username()
        for u in get_user_model().objects.filter(pk__in={u for us in facilitators.values() for u in us})
    }
    return {
        "courses": sorted(
            (_group(c, titles[c], by_course[c], skills[c], course_id=c) for c in course_ids), key=lambda g: g.label
        ),
        "series": sorted(
            (
                _group(pk, str(series), by_series[pk], skills[series.course_id], course_id=series.course_id)
                for pk, series in all_series.items()
            ),
            key=lambda g: g.label,
        ),
        "facilitators": sorted(
            (_group(pk, name, by_facilitator[pk], []) for pk, name in names.items()), key=lambda g: g.label
        ),
        "responses": len(responses),
        "published": len(published),
        "units": len({unit_of(r) for r in responses}),
        "published_units": len(units),
    }


def facilitator_figures(user) -> dict:
    """The figures of the sessions `user` facilitated (per session, and per series over those sessions)."""
    own = Session.objects.filter(facilitators=user)
    responses = _responses(own)
    published, _units = _published(responses)
    by_session = defaultdict(list)
    for response in responses:
        by_session[response["session_id"]].append(response)
    sessions, _facilitators = _session_facts(set(by_session))
    skills = _skills_by_course({s.course_id for s in sessions.values()})
    by_series = defaultdict(list)
    for response in published:
        session = sessions[response["session_id"]]
        if session.series_id:
            by_series[session.series_id].append(response)
    series = {s.series_id: s.series for s in sessions.values() if s.series_id}
    return {
        "sessions": sorted(
            (
                _group(
                    pk, s.display_title, by_session[pk], skills[s.course_id], course_id=s.course_id, when=s.starts_at
                )
                for pk, s in sessions.items()
            ),
            key=lambda g: g.when,
            reverse=True,
        ),
        "series": sorted(
            (_group(pk, str(x), by_series[pk], skills[x.course_id], course_id=x.course_id) for pk, x in series.items()),
            key=lambda g: g.label,
        ),
    }
