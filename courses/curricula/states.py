"""The one place that says how an assignment's state may change.

    assigned ──► in progress ──► complete (certified) ──► window open ──► expired
        │             │               ▲       ▲               │              │
        └──► overdue ◄┘               │       └── renewed ────┘              │
               └──────────────────────┘ (late completion)   certified again ◄┘

Overdue is stored (not only derived) so that reports and reminders can filter on it; it is left
again when the person completes, or when an extension or exemption lifts it.
"""

from django.utils.translation import gettext as _

from .exceptions import IllegalTransition
from .models import Assignment

State = Assignment.State

TRANSITIONS: dict[str, frozenset[str]] = {
    State.ASSIGNED: frozenset({State.IN_PROGRESS, State.OVERDUE, State.COMPLETE}),
    State.IN_PROGRESS: frozenset({State.ASSIGNED, State.OVERDUE, State.COMPLETE}),
    State.OVERDUE: frozenset({State.ASSIGNED, State.IN_PROGRESS, State.COMPLETE}),
    State.COMPLETE: frozenset({State.WINDOW_OPEN, State.EXPIRED}),
    State.WINDOW_OPEN: frozenset({State.COMPLETE, State.EXPIRED}),
    State.EXPIRED: frozenset({State.COMPLETE}),
}

CERTIFIED = (State.COMPLETE, State.WINDOW_OPEN)
NOT_CERTIFIED_YET = (State.ASSIGNED, State.IN_PROGRESS, State.OVERDUE)


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def sources_of(target: str) -> list[str]:
    """The states from which `target` may be reached (for bulk updates that filter on them)."""
    return [state for state, targets in TRANSITIONS.items() if target in targets]


def transition(assignment: Assignment, target: str, *, when) -> bool:
    """Move `assignment` (in memory) to `target`. Staying in the same state is a no-op that returns
    False; an illegal change raises IllegalTransition."""
    if assignment.state == target:
        return False
    if not can_transition(assignment.state, target):
        raise IllegalTransition(
            _("An assignment cannot go from %(current)s to %(target)s.")
            % {"current": State(assignment.state).label, "target": State(target).label}
        )
    assignment.state = target
    assignment.state_changed_at = when
    return True
