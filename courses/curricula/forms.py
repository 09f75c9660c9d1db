from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import DatabaseBounds


class ComplianceFilterForm(DatabaseBounds, forms.Form):
    """Filters of the compliance report. Choices are limited to what the viewer may see, so a
    department id from outside their subtree is an invalid choice (a clear message, no data)."""

    curriculum = forms.TypedChoiceField(label=_("Curriculum"), required=False, coerce=int, empty_value=None)
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, curricula, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].choices = [("", _("All curricula"))] + [(c.pk, c.name) for c in curricula]
        self.fields["department"].choices = [("", _("All my departments"))] + [
            (d.pk, "\u00a0\u00a0" * (d.depth - 1) + d.name) for d in departments
        ]
