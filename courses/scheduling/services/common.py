"""What the scheduling services share: the fields a series hands down, check-in timing, the
retry on SQLite's writer lock, and the queueing of registration e-mails (sent by tasks.py)."""

import functools
import logging
import random
import time

from django.conf import settings
from django.db import OperationalError, connection, transaction
from modeltranslation.utils import build_localized_fieldname

from .. import tasks
from ..models import Registration

logger = logging.getLogger(__name__)
State = Registration.State


# Fields a series hands down to its sessions.
LOGISTICS_FIELDS = (
    "title",
    "room",
    "video_link",
    "language",
    "capacity",
    "time_zone",
    "is_public",
    "registration_cutoff_hours",
)
SCHEDULE_FIELDS = ("start_date", "start_time", "end_time", "rrule", "exdates", "time_zone")
SERIES_FIELDS = tuple(dict.fromkeys(LOGISTICS_FIELDS + SCHEDULE_FIELDS + ("required_attendances", "active")))
SESSION_FIELDS = LOGISTICS_FIELDS + ("starts_at", "ends_at")
# A change to one of these sends registrants an updated invitation.
TIME_OR_PLACE = {"starts_at", "ends_at", "room", "video_link"}
# Logistics with a text per language (courses/scheduling/translation.py).
TRANSLATED_LOGISTICS = ("title", "room")


def _localized(name: str, code: str) -> str:
    return build_localized_fieldname(name, code)


def source_language_values(instance, fields: dict) -> dict:
    """`fields` as the services write them: a title or room is the source language's text, whatever
    language the facilitator's screen is in; when it changes, its translations (of the old text) are
    dropped, so every language shows the new text until it is translated again."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    values = {}
    for name, value in fields.items():
        if name not in TRANSLATED_LOGISTICS:
            values[name] = value
            continue
        source = _localized(name, default)
        values[source] = value
        values[name] = value  # the untranslated column mirrors the source, as modeltranslation keeps it
        if instance is None or (getattr(instance, source) or "") != (value or ""):
            for code in settings.MODELTRANSLATION_LANGUAGES:
                if code != default:
                    values[_localized(name, code)] = None
    return values


def logistics_of(series) -> dict:
    """What `series` hands down to its sessions, with the title and room in every language."""
    values = {name: getattr(series, name) for name in LOGISTICS_FIELDS if name not in TRANSLATED_LOGISTICS}
    for name in TRANSLATED_LOGISTICS:
        values[name] = getattr(series, _localized(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE))
        for code in settings.MODELTRANSLATION_LANGUAGES:
            values[_localized(name, code)] = getattr(series, _localized(name, code))
    return values


def base_field_name(name: str) -> str:
    """ "room_vi" → "room": which logistics field a language column belongs to."""
    for base in TRANSLATED_LOGISTICS:
        if any(name == _localized(base, code) for code in settings.MODELTRANSLATION_LANGUAGES):
            return base
    return name


LOCK_RETRY_SECONDS = 30


def horizon_days() -> int:
    return int(getattr(settings, "SCHEDULING_HORIZON_DAYS", 180))


def retry_when_locked(func):
    """SQLite allows one writer at a time; a writer that cannot get the lock in time gets
    "database is locked". Retry the whole transaction a few times in that case (only when it is the
    outermost transaction, so a retry replays everything). PostgreSQL waits on the row lock instead."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return func(*args, **kwargs)
        deadline = time.monotonic() + LOCK_RETRY_SECONDS
        delay = 0.01
        while True:
            try:
                return func(*args, **kwargs)
            except OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                # Jitter so that waiting writers do not all come back at the same moment.
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 0.2)

    return wrapper


# ---------------------------------------------------------------------------------------------------
# Notifications: queued after commit, sent by courses.scheduling.tasks (idempotent there).


def notice_queue(kind: str, registration_id: int) -> None:
    from django_q.tasks import async_task

    # robust: a failure to queue an e-mail is logged; it must not make a committed booking look failed.
    transaction.on_commit(lambda: async_task(tasks.send_registration_email, registration_id, kind), robust=True)


class Notice:
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    SESSION_CANCELLED = "session_cancelled"
    REMINDER = "reminder"
    GUEST_CONFIRM = "guest_confirm"
    GUEST_ALREADY = "guest_already"
