"""Who may see, join and run which session: rules about one session or series, built on the roles of
courses.people.roles."""

from courses.people import roles

from .models import Session, SessionSeries


def ancestor_paths(department) -> list[str]:
    """Paths of a department and every department above it (treebeard materialised paths)."""
    step = department.steplen
    return [department.path[:end] for end in range(step, len(department.path) + 1, step)]


def can_manage_session(user, session: Session) -> bool:
    """Mark attendance, see the roster, cancel: the session's facilitators and training admins."""
    if not user.is_authenticated:
        return False
    if roles.is_training_admin(user):
        return True
    return session.facilitators.filter(pk=user.pk).exists()


def can_manage_series(user, series: SessionSeries) -> bool:
    if not user.is_authenticated:
        return False
    if roles.is_training_admin(user):
        return True
    return series.facilitators.filter(pk=user.pk).exists()


def _employee_in_audience(user, session: Session) -> bool:
    """An active employee of the restricted departments' subtrees (any active employee when the
    session is not restricted)."""
    employee = roles.employee_of(user)
    if employee is None or not employee.active:
        return False
    restricted = list(session.restricted_departments.values_list("path", flat=True))
    if not restricted:
        return True
    mine = set(ancestor_paths(employee.department))
    return any(path in mine for path in restricted)


def can_see_session(user, session: Session) -> bool:
    """Public sessions: anyone. Others: employees of the restricted departments' subtrees (every
    employee when unrestricted), the session's facilitators and training admins."""
    if session.is_public:
        return True
    if not user.is_authenticated:
        return False
    if roles.is_training_admin(user) or session.facilitators.filter(pk=user.pk).exists():
        return True
    return _employee_in_audience(user, session)


def hidden_from(user, session_or_series) -> bool:
    """A department-only session or series that `user` may not see: every endpoint answers 404 for it,
    exactly as for one that does not exist, so its existence is not revealed."""
    return session_or_series.restricted_departments.exists() and not can_see_session(user, session_or_series)


def can_register(user, session: Session) -> bool:
    """Join as oneself: an active employee who may see the session, or anyone logged in for a public
    session."""
    if not user.is_authenticated:
        return False
    if session.is_public:
        return True
    return _employee_in_audience(user, session)


def can_see_accommodations(user, session: Session) -> bool:
    """Accommodation requests can reveal a disability: only the session's own facilitators see them
    (on its roster and in their reminder), not training admins, heads or anyone else."""
    if not user.is_authenticated:
        return False
    return session.facilitators.filter(pk=user.pk).exists()
