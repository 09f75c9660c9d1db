import zoneinfo

from django.conf import settings
from django.utils import timezone


class EmployeePreferencesMiddleware:
    """Activate a logged-in employee's time zone (their language: lms.i18n.middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        employee = getattr(request.user, "employee", None) if request.user.is_authenticated else None
        if employee is not None:
            tz_name = employee.time_zone or settings.TIME_ZONE
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(settings.TIME_ZONE))
        else:
            timezone.deactivate()
        return self.get_response(request)
