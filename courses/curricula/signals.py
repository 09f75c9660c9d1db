from django.dispatch import Signal

# Sent once per certification of an assignment (first, renewal, or again after expiry), after the
# transaction that recorded it commits.
# Arguments: assignment_id (int), completed_at (aware datetime of the CertificationRecord).
# Certificates listen to this; receivers should queue tasks that take ids.
curriculum_completed = Signal()

# Sent once per bulk evaluation (assignments_evaluate_for_users, e.g. after an import, a curriculum's
# re-evaluation, a reconciliation) that certified assignments, after the transaction commits, instead
# of one curriculum_completed per certification. Arguments: certifications (list of (assignment_id,
# completed_at) pairs, in the order they were recorded: an assignment's cycles oldest first).
# Receivers queue a bounded number of tasks taking ids, never one per certification.
curricula_completed = Signal()
