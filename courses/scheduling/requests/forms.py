import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.catalogue.models import Course
from courses.people import roles
from courses.scheduling.facilitate_forms import PlainLabels, SessionForm
from lms.forms import DatabaseBounds


def month_choices(today=None, count=12):
    today = today or timezone.localdate()
    year, month = today.year, today.month
    choices = []
    for _i in range(count):
        first = datetime.date(year, month, 1)
        choices.append((first.strftime("%Y-%m"), date_format(first, "YEAR_MONTH_FORMAT")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class RequestForm(PlainLabels, DatabaseBounds, forms.Form):
    department = forms.ModelChoiceField(label=_("For which department"), queryset=None)
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.filter(is_published=True).order_by("title"),
        required=False,
        empty_label=_("— No particular course —"),
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=200,
        required=False,
        help_text=_("What should the training cover? Needed when no course is chosen."),
    )
    audience_size = forms.IntegerField(label=_("Expected number of people"), min_value=1, max_value=1000)
    preferred_months = forms.MultipleChoiceField(
        label=_("Preferred months"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anything the equity office should know: shifts, accessibility needs, a recent event."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = roles.visible_departments(user).order_by("path")
        self.fields["department"].queryset = departments
        self.fields["department"].label_from_instance = lambda d: "— " * (d.depth - 1) + d.name
        if departments.count() == 1:
            self.fields["department"].initial = departments.first()
        self.fields["preferred_months"].choices = month_choices()

    def clean(self):
        data = super().clean()
        if not data.get("course") and not (data.get("topic") or "").strip():
            self.add_error("topic", _("Give a topic or choose a course."))
        return data


class ApproveForm(SessionForm):
    """Schedule the requested training: a one-off session restricted to the department."""

    note = forms.CharField(
        label=_("Note to the person who asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("is_public", "restricted_departments"):
            del self.fields[name]


class DeclineForm(PlainLabels, DatabaseBounds, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The person who asked reads this in an e-mail."),
    )
