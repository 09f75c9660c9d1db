from lms import state_machine


class RequestError(Exception):
    """A rule of training requests was broken; the message is shown to the person."""


class IllegalTransition(RequestError, state_machine.IllegalTransition):
    """The request cannot move from its status to the one asked for."""


class NotAllowed(RequestError):
    pass
