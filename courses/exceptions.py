class CourseError(Exception):
    """A domain rule of the course engine was broken; the message is shown to the person."""


class NotEnrolled(CourseError):
    pass


class AttemptLimitReached(CourseError):
    pass


class InvalidAnswer(CourseError):
    pass


class CourseHasEnrollments(CourseError):
    pass
