from django.dispatch import Signal

# Sent after the transaction that marked a registration attended commits.
# Arguments: registration_id (int), user_id (int), session_id (int).
# Receivers should queue tasks that take ids.
session_attended = Signal()
