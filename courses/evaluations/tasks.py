"""django-q2 tasks. They take ids and are idempotent: running one twice sends nothing twice."""


def send_evaluation_invitation(user_id: int, kind: str, object_id: int) -> bool:
    """E-mail one person an invitation to evaluate a session or a course (see notifications)."""
    from .notifications import evaluation_invitation_send

    return evaluation_invitation_send(user_id=user_id, kind=kind, object_id=object_id)
