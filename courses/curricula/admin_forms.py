from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import DatabaseBounds

from .models import Assignment, Curriculum


class ReasonForm(DatabaseBounds, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the assignment's history."),
    )


class ExtensionForm(ReasonForm):
    due_on = forms.DateField(
        label=_("New due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Later than the current one."),
    )
    field_order = ["due_on", "reason"]


class AssignmentFilterForm(DatabaseBounds, forms.Form):
    STATE_CHOICES = [("", _("All states"))] + list(Assignment.State.choices) + [("exempt", _("Exempt"))]

    q = forms.CharField(label=_("Name or employee number"), required=False, max_length=100)
    curriculum = forms.ModelChoiceField(
        label=_("Curriculum"), queryset=Curriculum.objects.all(), required=False, empty_label=_("All curricula")
    )
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)
    ended = forms.BooleanField(label=_("Include ended assignments"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All departments"))] + [
            (d.pk, "\u2003" * (d.depth - 1) + d.name) for d in departments
        ]


class CompletionFileForm(DatabaseBounds, forms.Form):
    file = forms.FileField(
        label=_("CSV file of completions"),
        help_text=_(
            "UTF-8 CSV with a header row: employee_number, course_slug, completed_at (YYYY-MM-DD or an ISO "
            "date and time), and optionally source_note."
        ),
    )
