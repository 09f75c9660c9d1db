"""Events of the people app. Sent after the transaction that caused them commits."""

from django.dispatch import Signal

# An employee was created, or their department, job title, hire date or active flag changed (the
# facts curricula assign courses by). Arguments: employee_id, created (bool), changed_fields (a
# list of those field names that changed; all of them for a new employee).
employee_changed = Signal()

# Many employees at once (one chunk of an HR import). Argument: changes, {employee_id: the tracked
# fields that changed (all of them for a new employee)}. Receivers do what they do for
# employee_changed, for all of them in one go.
employees_changed = Signal()
