"""django-q2 tasks. They take ids and are idempotent: running one twice changes nothing."""

import logging

from .exceptions import NotEligible

logger = logging.getLogger(__name__)


def certificate_issue_for_completion(completion_id: int) -> str | None:
    """Issue the certificate for a course completion; returns its code."""
    from . import services

    try:
        return services.certificate_issue_for_completion(completion_id=completion_id).code
    except NotEligible:
        # The completion was deleted before the task ran: nothing to certify.
        logger.warning("No certificate for completion %s: it no longer exists", completion_id)
        return None


def certificates_issue_for_completions(completion_ids: list[int]) -> int:
    """Issue the certificates of many course completions (recorded together, e.g. by an import);
    returns how many were issued."""
    from . import bulk

    return bulk.certificates_issue_for_completions(completion_ids=completion_ids)


def certificate_issue_for_curriculum(assignment_id: int, completed_at_iso: str) -> str | None:
    """Issue the certificate for a completed curriculum assignment; returns its code."""
    from django.utils.dateparse import parse_datetime

    from . import services

    try:
        certificate = services.certificate_issue_for_curriculum_assignment(
            assignment_id=assignment_id, completed_at=parse_datetime(completed_at_iso)
        )
    except NotEligible:
        logger.warning("No certificate for curriculum assignment %s: it no longer exists", assignment_id)
        return None
    return certificate.code


def certificates_issue_for_curricula(certifications: list) -> int:
    """Issue the certificates of many curriculum certifications ([assignment id, ISO completed_at]
    pairs, announced together by a bulk evaluation); returns how many were issued."""
    from django.utils.dateparse import parse_datetime

    from . import bulk

    return bulk.certificates_issue_for_curricula(
        certifications=[(assignment_id, parse_datetime(completed_at)) for assignment_id, completed_at in certifications]
    )


def certificates_notify_holders(certificate_ids: list[int]) -> int:
    """E-mail the holders of these certificates that they are ready (once each, one connection)."""
    from . import services

    return services.certificates_notify_holders(certificate_ids=certificate_ids)


def certificate_notify_holder(certificate_id: int) -> bool:
    """E-mail the holder that their certificate is ready (once)."""
    from . import services

    return services.certificate_notify_holder(certificate_id=certificate_id)


def certificate_notify_revoked(certificate_id: int) -> bool:
    """E-mail the holder that their certificate was revoked, with the reason (once)."""
    from . import services

    return services.certificate_notify_revoked(certificate_id=certificate_id)
