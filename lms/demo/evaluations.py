"""Demo session evaluations (data/evaluations.json): finished sessions with attendees — an inactive
monthly series and one-off sessions, facilitated by the demo facilitator — and anonymous responses from
most attendees and from some people who completed a course, through the evaluations service. Sized so
that some sessions pass the 5 responses at which figures appear and some do not. The demo employee
attended one session and has not answered, so /learn/ shows them an invitation. Idempotent: sessions
and series are found by uid, attendees by registration, answers by receipt."""

import datetime
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.catalogue.models import Course, CourseCompletion
from courses.evaluations import selectors as evaluation_selectors
from courses.evaluations import services
from courses.evaluations.exceptions import EvaluationError
from courses.people.models import Employee
from courses.scheduling.models import Registration, Session, SessionSeries

from . import loader

User = get_user_model()
TIME_ZONE = "America/Denver"


def seed(demo):
    data = loader.load("evaluations")
    runner = demo.users.get(data["facilitator"]) or User.objects.filter(username=data["facilitator"]).first()
    if runner is None:
        demo.say("Evaluations: skipped (no facilitator account in the demo).")
        return
    rng = random.Random(2025)  # the same demo every time
    people = list(
        Employee.objects.filter(active=True)
        .exclude(user=runner)
        .exclude(user__username=data.get("employee_username", "employee"))
        .select_related("user")
        .order_by("employee_number")
    )
    sessions = []
    for spec in data["past_series"]:
        sessions += _past_series(spec, runner)
    for spec in data["past_sessions"]:
        sessions.append(_past_session(spec, runner, series=None, days_ago=spec["days_ago"]))
    answered = 0
    for index, session in enumerate(sessions):
        spec_attendees = session._demo_attendees
        attendees = [p.user for p in people[index * 7 : index * 7 + spec_attendees]]
        for user in attendees:
            _attend(session, user)
            wants_to = rng.random() < data["answer_rate"]
            answers = _answers(rng, data, with_facilitation=True)
            if wants_to:
                answered += _answer(user, session.course, session, answers)
    employee = demo.users.get("employee")
    if employee is not None:
        target = next((s for s in sessions if s.uid == data["employee_attends"]), None)
        if target is not None:
            _attend(target, employee)
    for completion in CourseCompletion.objects.exclude(user=employee).select_related("user", "course").order_by("pk"):
        wants_to = rng.random() < data["completion_answer_rate"]
        answers = _answers(rng, data, with_facilitation=False)
        if wants_to:
            answered += _answer(completion.user, completion.course, None, answers)
    demo.say(f"Evaluations: {len(sessions)} past sessions with attendees, {answered} new anonymous responses.")


def _local(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(TIME_ZONE))


def _past_series(spec, runner) -> list[Session]:
    course = _course(spec["course"])
    first = timezone.localdate() - datetime.timedelta(days=spec["meetings"][0]["days_ago"])
    series = SessionSeries.objects.filter(uid=spec["uid"]).first()
    if series is None:
        series = SessionSeries.objects.create(
            uid=spec["uid"],
            course=course,
            title=spec["title"],
            room=spec["room"],
            time_zone=TIME_ZONE,
            start_date=first,
            start_time=datetime.time.fromisoformat(spec["start_time"]),
            end_time=datetime.time.fromisoformat(spec["end_time"]),
            rrule="FREQ=MONTHLY;COUNT=3",
            active=False,  # finished: it creates no new sessions
            created_by=runner,
        )
        series.facilitators.set([runner])
    sessions = []
    for number, meeting in enumerate(spec["meetings"]):
        meeting_spec = {**spec, "uid": f"{number}-{spec['uid']}", "attendees": meeting["attendees"]}
        sessions.append(_past_session(meeting_spec, runner, series=series, days_ago=meeting["days_ago"]))
    return sessions


def _past_session(spec, runner, *, series, days_ago) -> Session:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    session = Session.objects.filter(uid=spec["uid"]).first()
    if session is None:
        starts = _local(day, spec["start_time"])
        session = Session.objects.create(
            uid=spec["uid"],
            series=series,
            course=_course(spec["course"]),
            title=spec.get("title", ""),
            room=spec["room"],
            time_zone=TIME_ZONE,
            starts_at=starts,
            ends_at=_local(day, spec["end_time"]),
            original_start=starts if series is not None else None,
            detached=series is not None,  # the finished series' dates are given, not its rule's
            capacity=max(25, spec["attendees"]),
            created_by=runner,
        )
        session.facilitators.set([runner])
    session._demo_attendees = spec["attendees"]
    return session


def _course(slug):
    return Course.objects.get(slug=slug)


def _attend(session, user) -> None:
    """Written directly: the demo records attendance of the past, which the attendance service (rightly)
    only takes around the session's time."""
    if not session.registrations.filter(user=user).exists():
        Registration.objects.create(
            session=session,
            user=user,
            state=Registration.State.ATTENDED,
            attendance_marked_at=session.ends_at,
        )


def _pick(rng, weights) -> int:
    return rng.choices(range(1, len(weights) + 1), weights=weights)[0]


def _answers(rng, data, *, with_facilitation) -> dict:
    ratings = data["ratings"]
    answers = {
        "relevance": _pick(rng, ratings["relevance"]),
        "facilitation": _pick(rng, ratings["facilitation"]) if with_facilitation else None,
        "recommend": _pick(rng, ratings["recommend"]),
        "comment": rng.choice(data["comments"]) if rng.random() < data["comment_rate"] else "",
    }
    for slot in (1, 2, 3):
        before = _pick(rng, data["skill_before"])
        answers[f"skill_{slot}_before"] = before
        answers[f"skill_{slot}_now"] = min(5, before + _pick(rng, data["skill_gain"]) - 1)
    return answers


def _answer(user, course, session, answers) -> int:
    skills = len(evaluation_selectors.skills_of(course.pk))
    if skills < 3:
        answers = {**answers, "skill_3_before": None, "skill_3_now": None}
    try:
        services.evaluation_submit(user=user, course=course, session=session, answers=answers)
    except EvaluationError:  # answered on an earlier run
        return 0
    return 1
