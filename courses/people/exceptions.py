class PeopleError(Exception):
    """A domain rule of the people app was broken; the message is shown to the person."""


class DepartmentNotEmpty(PeopleError):
    pass


class ImportRejected(PeopleError):
    """An HR file with at least one bad row. Nothing was written. `errors` lists every problem as
    (line number, message); `run` is the audit record of the attempt."""

    def __init__(self, message, *, errors, run=None):
        super().__init__(message)
        self.errors = errors
        self.run = run
