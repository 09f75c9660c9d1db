from django.dispatch import Signal

# Sent once per CourseCompletion, after the transaction that created it commits.
# Arguments: completion_id (int), user_id (int), course_id (int).
# Certificates and curricula listen to this; receivers should queue tasks that take ids.
course_completed = Signal()
