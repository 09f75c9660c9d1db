from lms import state_machine


class CertificateError(Exception):
    """A certificate operation that cannot be done; the message is for people."""


class IllegalTransition(CertificateError, state_machine.IllegalTransition):
    """A status change that Certificate.TRANSITIONS does not allow."""


class NotEligible(CertificateError):
    """There is nothing to issue a certificate for (no completion, or it was removed)."""
