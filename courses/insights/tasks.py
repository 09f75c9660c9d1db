"""Background work of the insights app (django-q2): the nightly snapshot of protected figures."""

import logging

logger = logging.getLogger(__name__)


def insights_nightly() -> int:
    """Nightly: a new snapshot of every question's figures (the trends read the history)."""
    from . import services

    snapshots = services.insights_snapshot_build()
    logger.info("Insights nightly: %s snapshots", len(snapshots))  # counts only, never figures
    return len(snapshots)


def insights_refresh(question_key: str | None = None) -> int:
    from . import services

    return len(services.insights_snapshot_build(question_key=question_key))
