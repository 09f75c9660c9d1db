"""The Wagtail admin home's "Today" panel for training admins: overdue assignments, sessions this
week, training requests waiting for a decision, and the last HR and completions imports, each with a
link to the page that deals with it. Five queries, however much data there is.

It lives in cms (the admin's home) because it reads several engine apps; the engine never imports cms."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from wagtail.admin.ui.components import Component

from courses.curricula.models import Assignment, CompletionImport
from courses.people.models import ImportRun
from courses.people.roles import is_training_admin
from courses.scheduling.models import Session
from courses.scheduling.requests.models import TrainingRequest


@dataclass(frozen=True)
class DashboardNumbers:
    overdue: int
    sessions_this_week: int
    week_start: datetime.date
    week_end: datetime.date  # the last day of the week, inclusive
    pending_requests: int
    last_hr_import: ImportRun | None
    last_completion_import: CompletionImport | None


def week_of(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The locale's week holding `today` (FIRST_DAY_OF_WEEK: 0 is Sunday, as in Django)."""
    first = int(formats.get_format("FIRST_DAY_OF_WEEK"))
    start = today - datetime.timedelta(days=(today.isoweekday() - first) % 7)
    return start, start + datetime.timedelta(days=6)


def dashboard_numbers(*, today: datetime.date | None = None) -> DashboardNumbers:
    """Today's numbers for training admins (they see everything, so nothing is scoped)."""
    today = today or timezone.localdate()
    start, end = week_of(today)
    zone = timezone.get_current_timezone()
    week = (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )
    return DashboardNumbers(
        overdue=Assignment.objects.filter(state=Assignment.State.OVERDUE, ended_at__isnull=True).count(),
        sessions_this_week=Session.objects.filter(
            status=Session.Status.SCHEDULED, starts_at__gte=week[0], starts_at__lt=week[1]
        ).count(),
        week_start=start,
        week_end=end,
        pending_requests=TrainingRequest.objects.filter(status=TrainingRequest.Status.SUBMITTED).count(),
        last_hr_import=ImportRun.objects.select_related("actor").order_by("-started_at", "-pk").first(),
        last_completion_import=CompletionImport.objects.select_related("actor").order_by("-at", "-pk").first(),
    )


class TodayPanel(Component):
    name = "training_today"
    order = 50
    template_name = "cms/admin/dashboard_today.html"

    def get_context_data(self, parent_context=None):
        numbers = dashboard_numbers()
        return {
            "numbers": numbers,
            "overdue_url": reverse("curricula_ops:assignments") + "?state=overdue",
            "sessions_url": reverse("scheduling:calendar") + f"?month={numbers.week_start:%Y-%m}",
            "requests_url": reverse("training_requests:list") + "?status=submitted",
            "hr_import_url": reverse("people_admin:hr_import"),
            "completion_import_url": reverse("curricula_ops:import_completions"),
        }


def add_today_panel(request, panels):
    """Only training admins get the panel; everyone else's home is as it was."""
    if is_training_admin(request.user):
        panels.insert(0, TodayPanel())
