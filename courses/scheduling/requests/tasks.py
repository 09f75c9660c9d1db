"""django-q2 tasks of training requests. They take ids and are idempotent: each e-mail is recorded
in scheduling's NotificationLog under a key before it is sent, in one transaction with the send."""


def send_decision_email(request_id: int, status: str) -> bool:
    from .notifications import decision_email_send

    return decision_email_send(request_id=request_id, status=status)


def announce_session(request_id: int) -> int:
    from .notifications import department_announce

    return department_announce(request_id=request_id)


def tell_training_admins(request_id: int) -> int:
    from .notifications import training_admins_tell

    return training_admins_tell(request_id=request_id)
