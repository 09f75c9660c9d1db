"""Helpers for the evaluation tests: attended sessions and submitted responses."""

import datetime

from django.utils import timezone

from courses.evaluations import services
from courses.scheduling.models import Registration
from tests.scheduling.factories import SessionFactory, employee_user, registration

ANSWERS = {
    "relevance": 4,
    "facilitation": 5,
    "recommend": 4,
    "skill_1_before": 2,
    "skill_1_now": 4,
    "skill_2_before": 3,
    "skill_2_now": 4,
    "skill_3_before": 1,
    "skill_3_now": 3,
    "comment": "",
}


def past_session(**kwargs):
    starts = (timezone.now() - datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    return SessionFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **kwargs)


def attendee(session, user=None):
    user = user or employee_user()
    registration(session, user=user, state=Registration.State.ATTENDED)
    return user


def respond(session, user=None, **answers):
    """A person who attended `session` answers its evaluation."""
    user = attendee(session, user)
    services.evaluation_submit(user=user, course=session.course, session=session, answers={**ANSWERS, **answers})
    return user
