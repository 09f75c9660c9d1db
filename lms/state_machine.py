"""One shape for every status field: a table of allowed moves on the model, and one `transition()`.

A model mixes in `StateMachine` (before `models.Model`) and declares::

    state_field = "status"                  # the field the table governs
    changed_at_field = "status_changed_at"  # stamped on every move; None when the model has none
    illegal_transition = IllegalTransition  # the app's domain exception, from its exceptions.py
    illegal_transition_message = _("A thing that is “%(current)s” cannot become “%(new)s”.")
    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED, Status.WITHDRAWN},
        Status.PUBLISHED: {Status.WITHDRAWN},
        Status.WITHDRAWN: set(),
    }

Then `instance.transition(to)` moves one row in memory (the caller saves it, usually under a row
lock), and `Model.bulk_transition(queryset, to)` moves many rows in one UPDATE, touching only the
rows the table lets reach `to`. `Model.can_transition(from, to)` and `Model.sources_of(to)` ask the
table the same questions for code that filters or offers actions.

Staying in the same state is a move like any other: illegal unless the table lists it. Code that
recomputes a state from scratch compares before it moves.

The project package knows no app: each app subclasses `IllegalTransition` in its own exceptions.py
(beside its other domain errors, so its views already turn it into a message).
"""

from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import ClassVar

from django.db import models
from django.utils import timezone


class IllegalTransition(Exception):
    """A status change that the model's TRANSITIONS table does not allow; the message is for people."""


class StateMachine:
    """Mixin for a model with one status field moved along one table. See the module docstring."""

    state_field: ClassVar[str] = "state"
    changed_at_field: ClassVar[str | None] = None
    illegal_transition: ClassVar[type[IllegalTransition]] = IllegalTransition
    illegal_transition_message: ClassVar[str] = "“%(current)s” cannot become “%(new)s”."
    TRANSITIONS: ClassVar[Mapping[str, Collection[str]]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "TRANSITIONS" in cls.__dict__:
            # Frozen, so no code can add a move to the table at run time.
            frozen = {state: frozenset(targets) for state, targets in cls.TRANSITIONS.items()}
            cls.TRANSITIONS = MappingProxyType(frozen)

    @classmethod
    def can_transition(cls, current: str, target: str) -> bool:
        return target in cls.TRANSITIONS.get(current, ())

    @classmethod
    def sources_of(cls, target: str) -> list[str]:
        """The states from which `target` may be reached (what a bulk update filters on)."""
        return [state for state, targets in cls.TRANSITIONS.items() if target in targets]

    def can_become(self, target: str) -> bool:
        return self.can_transition(getattr(self, self.state_field), target)

    def transition(self, target: str, *, when=None) -> None:
        """Move to `target` in memory (the caller saves), stamping `changed_at_field` with `when`
        (default: now). Raises the model's `illegal_transition`, changing nothing, when the table
        does not allow the move."""
        current = getattr(self, self.state_field)
        if not self.can_transition(current, target):
            labels = {"current": self._state_label(current), "new": self._state_label(target)}
            raise self.illegal_transition(self.illegal_transition_message % labels)
        setattr(self, self.state_field, target)
        if self.changed_at_field:
            setattr(self, self.changed_at_field, when or timezone.now())

    @classmethod
    def bulk_transition(cls, queryset: models.QuerySet, target: str, *, when=None, **fields) -> int:
        """Move every row of `queryset` that the table lets reach `target` in one UPDATE (with
        `fields` set alongside); rows in any other state are left as they are. Returns how many moved."""
        if not issubclass(queryset.model, cls):
            raise TypeError(f"{cls.__name__}.bulk_transition() needs a queryset of {cls.__name__}")
        values = {cls.state_field: target, **fields}
        if cls.changed_at_field:
            values[cls.changed_at_field] = when or timezone.now()
        return queryset.filter(**{f"{cls.state_field}__in": cls.sources_of(target)}).update(**values)

    def _state_label(self, value: str) -> str:
        return dict(self._meta.get_field(self.state_field).flatchoices).get(value, value)
