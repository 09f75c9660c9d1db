"""Form bounds shared by every form of the site: what a form accepts, the database can hold and the
code can compute with (a date in year 9999 plus a time zone or a duration overflows)."""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# PostgreSQL's `integer`, the narrowest integer column a form value may land in.
SMALLEST_INTEGER, LARGEST_INTEGER = -(2**31), 2**31 - 1
EARLIEST_DATE, LATEST_DATE = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)
LONGEST_TEXT = 20_000


class DateInRange(MinValueValidator):
    message = _("Enter a date between 1900 and 2999.")

    def __init__(self):
        super().__init__(EARLIEST_DATE, message=self.message)

    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise forms.ValidationError(self.message, code="date_range")


class DatabaseBounds:
    """Mixin for a Form: integers within a database integer, dates within 1900–2999, text within a
    length, on every field that does not set a narrower bound itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            bound(form_field)


def bound(form_field):
    if isinstance(form_field, forms.IntegerField):
        if form_field.max_value is None:
            form_field.max_value = LARGEST_INTEGER
            form_field.validators.append(MaxValueValidator(LARGEST_INTEGER))
        if form_field.min_value is None:
            form_field.min_value = SMALLEST_INTEGER
            form_field.validators.append(MinValueValidator(SMALLEST_INTEGER))
    elif isinstance(form_field, forms.DateField | forms.DateTimeField):
        form_field.validators.append(DateInRange())
    elif isinstance(form_field, forms.CharField) and form_field.max_length is None:
        form_field.max_length = LONGEST_TEXT
        form_field.validators.append(MaxLengthValidator(LONGEST_TEXT))
