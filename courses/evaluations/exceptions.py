class EvaluationError(Exception):
    """An evaluation cannot be given (its message says why, translated)."""


class AlreadyAnswered(EvaluationError):
    pass


class NotEligible(EvaluationError):
    pass
