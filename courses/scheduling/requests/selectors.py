"""Reads of training requests for pages. Constant queries per page."""

from courses.people import roles

from .models import TrainingRequest


def requests_for(user, *, status: str = ""):
    """Requests the user may see: all for a training admin; for a department head, those for the
    departments they head and the departments below."""
    queryset = TrainingRequest.objects.select_related("department", "course", "requested_by", "session")
    if not roles.is_training_admin(user):
        queryset = queryset.filter(department__in=roles.visible_departments(user))
    if status in TrainingRequest.Status.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-id")


def request_for_viewer(pk: int, user) -> TrainingRequest:
    """TrainingRequest.DoesNotExist when the user may not see it (a 404)."""
    return requests_for(user).prefetch_related("events__actor").get(pk=pk)
