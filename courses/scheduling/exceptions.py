from lms import state_machine


class SchedulingError(Exception):
    """A rule of scheduling was broken; the message is shown to the person."""


class IllegalTransition(SchedulingError, state_machine.IllegalTransition):
    """A registration or a session cannot move from its state to the one asked for."""


class RegistrationClosed(SchedulingError):
    pass


class NotAllowed(SchedulingError):
    """The person may not see, join or manage this session."""


class AlreadyRegistered(SchedulingError):
    pass


class SessionCancelled(SchedulingError):
    pass


class InvalidCheckinCode(SchedulingError):
    pass


class InvalidToken(SchedulingError):
    pass


class FacilitatorDoubleBooked(SchedulingError):
    """A facilitator would be in two sessions at once."""
