from lms import state_machine


class CourseError(Exception):
    """A domain rule of the course engine was broken; the message is shown to the person."""


class IllegalTransition(CourseError, state_machine.IllegalTransition):
    """An enrolment status change that Enrollment.TRANSITIONS does not allow."""


class NotEnrolled(CourseError):
    pass


class AttemptLimitReached(CourseError):
    pass


class InvalidAnswer(CourseError):
    """A quiz post that cannot be graded: a forged or foreign choice id, a missing answer, several
    choices for a one-answer question. Nothing is recorded."""


class NotCompletableHere(CourseError):
    """The module is completed some other way (a quiz by passing it, a live session by attending)."""


class ReflectionTooShort(CourseError):
    pass


class ReflectionTooLong(CourseError):
    pass


class CourseHasEnrollments(CourseError):
    pass


class ModuleHasLearnerWork(CourseError):
    """Deleting the module would delete learners' progress, quiz attempts or reflections."""
