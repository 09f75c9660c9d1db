from django.dispatch import Signal

# Sent once per CourseCompletion, after the transaction that created it commits.
# Arguments: completion_id (int), user_id (int), course_id (int).
# Certificates and curricula listen to this; receivers should queue tasks that take ids.
course_completed = Signal()

# Sent once per bulk record of completions (services.course_completions_record: an import sends it
# once per chunk), after the transaction that created them commits, instead of one course_completed
# per completion. Arguments: completion_ids (list of int), user_ids (the distinct people, list of
# int), source (CourseCompletion.source), reevaluated (bool: the caller re-evaluated those people's
# assignments itself, in the same transaction, as an import does once after all its chunks).
# Receivers queue a bounded number of tasks taking ids, never one per completion.
course_completions_recorded = Signal()
