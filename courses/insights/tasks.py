"""Background work of the insights app (django-q2): the nightly snapshot of protected figures."""

import logging

logger = logging.getLogger(__name__)


def insights_nightly() -> bool:
    """Nightly (schedule): queue a new snapshot of every question's figures (the trends read the
    history) as its own task with the insights timeout, longer than an ordinary task's."""
    from . import services

    queued = services.insights_refresh_queue()
    logger.info("Insights nightly: rebuild %s", "queued" if queued else "already queued")
    return queued


def insights_refresh(question_key: str | None = None) -> int:
    """Queued from the pages (services.insights_refresh_queue): rebuild, then let the next one be queued."""
    from django.core.cache import cache

    from . import services

    try:
        return len(services.insights_snapshot_build(question_key=question_key))
    finally:
        cache.delete(services.REFRESH_QUEUED_KEY)
