"""Demo sessions: monthly workshop series with a few registrations for the `employee` account.
Idempotent: series are found by a fixed UID, registrations by person and session."""

import datetime

from django.utils import timezone

from courses.scheduling.exceptions import SchedulingError
from courses.scheduling.models import Registration, SessionSeries

SERIES = [
    {
        "uid": "demo-advancing-racial-equity@commonground",
        "course": "advancing-racial-equity-in-city-government",
        "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(12, 0),
        "room": "City Hall, Training Room 3",
        "video_link": "",
        "capacity": 25,
        "language": "en",
    },
    {
        "uid": "demo-safe-zone@commonground",
        "course": "safe-zone-lgbtq-inclusion",
        "rrule": "FREQ=MONTHLY;BYMONTHDAY=20",
        "start_time": datetime.time(13, 30),
        "end_time": datetime.time(15, 30),
        "room": "",
        "video_link": "https://meet.example.org/safe-zone",
        "capacity": 30,
        "language": "es",
    },
]


def seed(demo):
    """Demo data of this app (see people/management/commands/seed_demo.py)."""
    from courses.scheduling import services

    runner = demo.users.get("facilitator")
    employee = demo.users.get("employee")
    if runner is None:
        demo.say("Sessions: skipped (no facilitator account in the demo).")
        return
    created_sessions = 0
    for spec in SERIES:
        course = demo.courses.get(spec["course"])
        if course is None:
            continue
        series = SessionSeries.objects.filter(uid=spec["uid"]).first()
        if series is None:
            values = {k: v for k, v in spec.items() if k not in {"uid", "course"}}
            series = services.series_create(
                created_by=runner,
                course=course,
                facilitators=[runner],
                start_date=timezone.localdate().replace(day=1),
                **values,
            )
            SessionSeries.objects.filter(pk=series.pk).update(uid=spec["uid"])
        created_sessions += len(services.series_materialize(series_id=series.pk))
        if employee is not None:
            first = series.sessions.filter(starts_at__gt=timezone.now() + datetime.timedelta(days=2)).first()
            if first and not first.registrations.filter(user=employee).exclude(state="cancelled").exists():
                try:
                    services.registration_create(session=first, user=employee, notify=False)
                except SchedulingError as error:
                    demo.say(f"Sessions: could not register the employee: {error}")
    total = sum(series.sessions.count() for series in SessionSeries.objects.filter(uid__in=[s["uid"] for s in SERIES]))
    demo.say(
        f"Sessions: {len(SERIES)} monthly series, {total} sessions, "
        f"{Registration.objects.filter(user=employee).count() if employee else 0} registrations for employee."
    )
