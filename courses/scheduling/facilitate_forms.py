"""Forms of the facilitator pages. They only parse and check input; courses.scheduling.services saves."""

import datetime
import zoneinfo
from functools import lru_cache

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from courses.catalogue.models import Course
from courses.people.models import Department
from lms.forms import DatabaseBounds

from .facilitation import WEEKDAYS, Pattern, build_rrule, parse_pattern
from .recurrence import RecurrenceError, normalise_exdates, parse_rrule

WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
WEEK_OF_MONTH_CHOICES = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]
PATTERN_CHOICES = [
    (Pattern.ONCE, _("Once, on the first date")),
    (Pattern.WEEKLY, _("Weekly, on chosen weekdays")),
    (Pattern.MONTHLY_WEEKDAY, _("Monthly, on a weekday (for example the second Tuesday)")),
    (Pattern.MONTHLY_DATE, _("Monthly, on a date (for example the 15th)")),
    (Pattern.ADVANCED, _("Advanced: write the recurrence rule (RRULE)")),
]


@lru_cache(maxsize=1)
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def facilitator_queryset():
    names = [settings.FACILITATORS_GROUP, settings.TRAINING_ADMINS_GROUP]
    return (
        get_user_model()
        .objects.filter(groups__name__in=names, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def source_text(obj, name: str) -> str:
    """A title or room as facilitators edit it: the source language's text, never a translation."""
    return getattr(obj, build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)) or ""


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class DepartmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return "— " * (obj.depth - 1) + obj.name


class PlainLabels:
    """Labels without Django's trailing colon (the pages set labels above their fields)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class LogisticsForm(PlainLabels, DatabaseBounds, forms.Form):
    """Fields that a series and a session share."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.order_by("title"))
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to use the course's title.")
    )
    start_time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    facilitators = PersonChoiceField(
        label=_("Facilitators"), queryset=facilitator_queryset(), widget=forms.CheckboxSelectMultiple
    )
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    capacity = forms.IntegerField(label=_("Seats"), initial=25)
    registration_cutoff_hours = forms.IntegerField(
        label=_("Registration closes (hours before the start)"),
        min_value=0,
        max_value=24 * 30,
        initial=2,
        help_text=_("Cancelling after this point is still possible but recorded as late."),
    )
    is_public = forms.BooleanField(
        label=_("Open to the public (community dialogue)"),
        required=False,
        help_text=_("People without an account can register with their e-mail address."),
    )
    restricted_departments = DepartmentChoiceField(
        label=_("Only for these departments"),
        queryset=Department.objects.order_by("path"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Each with every department below it. Leave empty for every employee."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_queryset()
        self.fields["time_zone"].initial = settings.TIME_ZONE
        self.fields["language"].initial = settings.LANGUAGE_CODE

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is None or capacity < 1:
            raise forms.ValidationError(_("A session needs at least one seat."))
        return capacity

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        if not data.get("room") and not data.get("video_link") and not self.has_error("video_link"):
            self.add_error("room", _("Give a room, a video link, or both."))
        if data.get("is_public") and data.get("restricted_departments"):
            self.add_error(
                "restricted_departments",
                _("A public session cannot also be restricted to departments. Choose one or the other."),
            )
        return data

    def logistics(self) -> dict:
        data = self.cleaned_data
        names = (
            "title",
            "room",
            "video_link",
            "language",
            "capacity",
            "time_zone",
            "is_public",
            "registration_cutoff_hours",
        )
        return {name: data[name] for name in names if name in self.fields}


class SeriesForm(LogisticsForm):
    start_date = forms.DateField(label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}))
    pattern = forms.ChoiceField(
        label=_("Repeats"), choices=PATTERN_CHOICES, initial=Pattern.MONTHLY_WEEKDAY, widget=forms.RadioSelect
    )
    interval = forms.IntegerField(
        label=_("Every"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("1 = every week or month, 2 = every other one, …"),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On"), choices=WEEKDAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    week_of_month = forms.TypedChoiceField(
        label=_("Week of the month"), choices=WEEK_OF_MONTH_CHOICES, coerce=int, required=False, initial=2
    )
    month_weekday = forms.ChoiceField(label=_("Weekday"), choices=WEEKDAY_CHOICES, required=False, initial="TU")
    month_day = forms.IntegerField(label=_("Day of the month"), min_value=1, max_value=31, required=False)
    until = forms.DateField(
        label=_("Last date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to keep going until the series is stopped."),
    )
    advanced_rrule = forms.CharField(
        label=_("Recurrence rule (RRULE)"),
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "characters"}),
        help_text=_("RFC 5545, for example FREQ=MONTHLY;BYDAY=2TU or FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH."),
    )
    exdates = forms.CharField(
        label=_("Skipped dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Dates with no meeting, as YYYY-MM-DD, separated by commas or new lines."),
    )
    required_attendances = forms.IntegerField(
        label=_("Meetings to attend (reading circles)"),
        min_value=1,
        required=False,
        help_text=_("Attending this many meetings completes the course's live session. Leave empty otherwise."),
    )
    active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_(
            "Untick to stop the series: its meetings to come that were not changed on their own are "
            "cancelled (everyone registered is told) and no new ones are scheduled."
        ),
    )

    field_order = [
        "course",
        "title",
        "start_date",
        "start_time",
        "end_time",
        "time_zone",
        "pattern",
        "interval",
        "weekdays",
        "week_of_month",
        "month_weekday",
        "month_day",
        "until",
        "advanced_rrule",
        "exdates",
    ]

    @classmethod
    def initial_for(cls, series) -> dict:
        initial = {
            name: getattr(series, name)
            for name in (
                "course",
                "title",
                "start_date",
                "start_time",
                "end_time",
                "time_zone",
                "room",
                "video_link",
                "language",
                "capacity",
                "registration_cutoff_hours",
                "is_public",
                "required_attendances",
                "active",
            )
        }
        initial.update(title=source_text(series, "title"), room=source_text(series, "room"))
        initial["facilitators"] = list(series.facilitators.all())
        initial["restricted_departments"] = list(series.restricted_departments.all())
        initial["exdates"] = ", ".join(series.exdates)
        initial.update(parse_pattern(series.rrule, series.time_zone))
        return initial

    def clean_exdates(self):
        try:
            return normalise_exdates(self.cleaned_data["exdates"])
        except RecurrenceError as error:
            raise forms.ValidationError(str(error))

    def clean(self):
        data = super().clean()
        pattern = data.get("pattern")
        start_date = data.get("start_date")
        if pattern == Pattern.WEEKLY and not data.get("weekdays"):
            if start_date:
                data["weekdays"] = [WEEKDAYS[start_date.weekday()]]
            else:
                self.add_error("weekdays", _("Choose at least one weekday."))
        if pattern == Pattern.MONTHLY_WEEKDAY:
            if not data.get("week_of_month"):
                self.add_error("week_of_month", _("Choose which week of the month."))
            if not data.get("month_weekday"):
                self.add_error("month_weekday", _("Choose the weekday."))
        if pattern == Pattern.MONTHLY_DATE and not data.get("month_day"):
            if start_date:
                data["month_day"] = start_date.day
            else:
                self.add_error("month_day", _("Choose the day of the month."))
        if pattern == Pattern.ADVANCED and not (data.get("advanced_rrule") or "").strip():
            self.add_error("advanced_rrule", _("Write the recurrence rule, or choose one of the patterns above."))
        until = data.get("until")
        if until and start_date and until < start_date:
            self.add_error("until", _("The last date must be on or after the first date."))
        if self.errors:
            return data
        data["rrule"] = build_rrule(
            pattern=pattern,
            interval=data.get("interval") or 1,
            weekdays=data.get("weekdays") or (),
            week_of_month=data.get("week_of_month"),
            month_weekday=data.get("month_weekday") or "",
            month_day=data.get("month_day"),
            until=until,
            time_zone=data.get("time_zone"),
            advanced=data.get("advanced_rrule") or "",
        )
        if data["rrule"]:
            try:
                parse_rrule(data["rrule"], start_date, data["start_time"], data["time_zone"])
            except RecurrenceError as error:
                field = "advanced_rrule" if pattern == Pattern.ADVANCED else None
                self.add_error(field, str(error))
        return data

    def series_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **self.logistics(),
            "start_date": data["start_date"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "rrule": data["rrule"],
            "exdates": data["exdates"],
            "required_attendances": data.get("required_attendances"),
            "active": data.get("active", False),
        }


class SessionForm(LogisticsForm):
    """A one-off session, or one meeting of a series changed on its own."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    field_order = ["course", "title", "date", "start_time", "end_time", "time_zone"]

    def __init__(self, *args, occurrence=False, **kwargs):
        super().__init__(*args, **kwargs)
        if occurrence:
            # A meeting of a series keeps the series' course and audience.
            for name in ("course", "is_public", "restricted_departments"):
                del self.fields[name]

    @classmethod
    def initial_for(cls, session) -> dict:
        zone = session.tzinfo
        start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        return {
            "course": session.course,
            "title": source_text(session, "title"),
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_time": end.time().replace(second=0, microsecond=0),
            "time_zone": session.time_zone,
            "facilitators": list(session.facilitators.all()),
            "room": source_text(session, "room"),
            "video_link": session.video_link,
            "language": session.language,
            "capacity": session.capacity,
            "registration_cutoff_hours": session.registration_cutoff_hours,
            "is_public": session.is_public,
            "restricted_departments": list(session.restricted_departments.all()),
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        starts_at = datetime.datetime.combine(data["date"], data["start_time"]).replace(tzinfo=zone)
        ends_at = datetime.datetime.combine(data["date"], data["end_time"]).replace(tzinfo=zone)
        if starts_at <= timezone.now():
            self.add_error("date", _("Choose a date and time in the future."))
        data["starts_at"], data["ends_at"] = starts_at.astimezone(datetime.UTC), ends_at.astimezone(datetime.UTC)
        return data

    def session_fields(self) -> dict:
        fields = {
            **self.logistics(),
            "starts_at": self.cleaned_data["starts_at"],
            "ends_at": self.cleaned_data["ends_at"],
        }
        return fields


class CancelForm(PlainLabels, DatabaseBounds, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Everyone registered reads this in the cancellation e-mail."),
    )


class CheckinCodeForm(PlainLabels, DatabaseBounds, forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The six letters and digits shown in the room."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
