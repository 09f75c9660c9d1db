import zoneinfo

from django.conf import settings
from django.utils import timezone, translation


class EmployeePreferencesMiddleware:
    """Activate a logged-in employee's time zone, and their preferred language unless the URL or
    the language switcher's cookie already chose one."""

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
            prefixed = translation.get_language_from_path(request.path_info)
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if not prefixed and not chosen and employee.preferred_language:
                translation.activate(employee.preferred_language)
                request.LANGUAGE_CODE = translation.get_language()
        else:
            timezone.deactivate()
        return self.get_response(request)
