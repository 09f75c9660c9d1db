from django.dispatch import Signal

# Sent once per certification of an assignment (first, renewal, or again after expiry), after the
# transaction that recorded it commits.
# Arguments: assignment_id (int), completed_at (aware datetime of the CertificationRecord).
# Certificates listen to this; receivers should queue tasks that take ids.
curriculum_completed = Signal()
