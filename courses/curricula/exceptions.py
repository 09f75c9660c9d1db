from lms import state_machine


class CurriculumError(Exception):
    """A domain rule of mandatory curricula was broken; the message is shown to the person."""


class IllegalTransition(CurriculumError, state_machine.IllegalTransition):
    """An assignment state change that Assignment.TRANSITIONS does not allow."""


class AssignmentEnded(CurriculumError):
    """The assignment has ended (the person left the audience); it can no longer be changed."""


class InvalidDecision(CurriculumError):
    """An exemption or extension that cannot be granted as asked (no reason, a date in the past…)."""
