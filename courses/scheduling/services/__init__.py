"""Writes of scheduling, by concern. Keyword-only and atomic; each service says what it guarantees.

Import from here (`from courses.scheduling import services`); the modules are:

- series: series and sessions (create, preview, materialise, update, cancel)
- registrations: registration and the waitlist, for employees and guests
- attendance: the roster, walk-ins and self check-in
- calendar_tokens: the personal calendar feed's token
- accommodations: what a registered person needs to take part (seen by facilitators only)
- departures: what an employee's deactivation ends (feed, upcoming places)
"""

from .accommodations import (  # noqa: F401
    accommodation_save,
    accommodation_update,
    accommodations_forget,
    keep_days,
)
from .attendance import (  # noqa: F401
    CHECKIN_ALPHABET,
    CHECKIN_CODE_LENGTH,
    CHECKIN_EARLY,
    CHECKIN_LATE,
    CHECKIN_ROTATION_SECONDS,
    attendance_mark,
    checkin_code,
    checkin_codes_accepted,
    normalise_checkin_code,
    session_checkin,
    walk_in_add,
)
from .calendar_tokens import (  # noqa: F401
    calendar_token_for,
    calendar_token_regenerate,
    calendar_token_revoke,
)
from .common import Notice, horizon_days, retry_when_locked  # noqa: F401
from .departures import employee_departure, facilitators_tell_departure  # noqa: F401
from .registrations import (  # noqa: F401
    calendar_offset,
    guest_registration_by_token,
    guest_registration_cancel,
    guest_registration_confirm,
    guest_registration_create,
    registration_cancel,
    registration_create,
    seats_taken,
    session_lock,
    waitlist_promote,
)
from .series import (  # noqa: F401
    SeriesChange,
    facilitator_conflicts,
    series_create,
    series_materialize,
    series_materialize_all,
    series_preview,
    series_update,
    session_cancel,
    session_create,
    session_update,
)
