"""The course engine. Each part is a Django app in this package, the way django/contrib/ holds many
apps; their labels are short (``courses``, ``people``, …) so their tables never moved.

- ``catalogue`` (label ``courses``): courses, polymorphic modules, enrolments, progress, completions,
  the ``/learn/`` course player.
- ``people``: the department tree, employees, roles (predicates and view guards), HR import.
- ``scheduling``: session series, sessions, registrations and waitlist, attendance and check-in,
  calendars, the facilitator pages; ``courses.scheduling.requests`` (label ``training_requests``) holds
  department heads' requests for targeted training.
- ``curricula``: mandatory curricula, assignments, recertification, compliance, reminders.

Arrows run one way: these apps never import ``cms``, ``certificates`` or the demo (``lms.demo``).
"""
