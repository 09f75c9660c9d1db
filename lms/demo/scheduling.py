"""Demo sessions: monthly workshop series with a few registrations for the `employee` account.

The series are data (`monthly_series` in data/sessions.json); they are scheduled and booked through
`courses.scheduling.services`. Idempotent: series are found by a fixed UID, registrations by person
and session."""

import datetime

from django.utils import timezone

from courses.scheduling import services
from courses.scheduling.exceptions import SchedulingError
from courses.scheduling.models import Registration, SessionSeries

from . import loader

# Keys of a series in the data that are not arguments of `series_create`.
NOT_SERIES_FIELDS = {"uid", "course", "runner"}


def series_values(spec):
    """The arguments of `services.series_create` that a series of data/sessions.json gives."""
    values = {key: value for key, value in spec.items() if key not in NOT_SERIES_FIELDS}
    for key in ("start_time", "end_time"):
        values[key] = datetime.time.fromisoformat(values[key])
    return values


def series_fix_uid(series, uid):
    """Give a demo series its fixed UID, by which later runs find it. No service sets a UID (it is
    the calendar identity `series_create` draws), so this is a plain update of that one column."""
    SessionSeries.objects.filter(pk=series.pk).update(uid=uid)


def seed(demo):
    """The monthly series, their sessions, and the employee's place at the first of each."""
    specs = loader.load("sessions")["monthly_series"]
    runner = demo.users.get("facilitator")
    employee = demo.users.get("employee")
    if runner is None:
        demo.say("Sessions: skipped (no facilitator account in the demo).")
        return
    created_sessions = 0
    for spec in specs:
        course = demo.courses.get(spec["course"])
        if course is None:
            continue
        series = SessionSeries.objects.filter(uid=spec["uid"]).first()
        if series is None:
            series = services.series_create(
                created_by=runner,
                course=course,
                facilitators=[runner],
                start_date=timezone.localdate().replace(day=1),
                **series_values(spec),
            )
            series_fix_uid(series, spec["uid"])
        created_sessions += len(services.series_materialize(series_id=series.pk))
        if employee is not None:
            first = series.sessions.filter(starts_at__gt=timezone.now() + datetime.timedelta(days=2)).first()
            if first and not first.registrations.filter(user=employee).exclude(state="cancelled").exists():
                try:
                    services.registration_create(session=first, user=employee, notify=False)
                except SchedulingError as error:
                    demo.say(f"Sessions: could not register the employee: {error}")
    uids = [spec["uid"] for spec in specs]
    total = sum(series.sessions.count() for series in SessionSeries.objects.filter(uid__in=uids))
    demo.say(
        f"Sessions: {len(specs)} monthly series, {total} sessions, "
        f"{Registration.objects.filter(user=employee).count() if employee else 0} registrations for employee."
    )
