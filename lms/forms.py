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


# The Wagtail admin's model forms (pages, snippets, our viewsets) -----------------------------------
# Their fields are made by Wagtail from the model fields, through its registry of form-field overrides
# (wagtail.admin.forms.models.register_form_field_override, Wagtail's documented extension point). One
# call below adds the same bounds as DatabaseBounds to every such form, keeping Wagtail's own widgets.

# An admin text field (a model TextField) may be long, but not without end.
LONGEST_ADMIN_TEXT = 1_000_000


def _integer_bounds(db_field) -> dict:
    """The range of the column on PostgreSQL (the narrowest backend), or the field's own narrower one."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    low, high = BaseDatabaseOperations.integer_field_ranges.get(
        db_field.get_internal_type(), (SMALLEST_INTEGER, LARGEST_INTEGER)
    )
    for validator in db_field._validators:  # the field's own, not the connection's
        limit = getattr(validator, "limit_value", None)
        if isinstance(limit, int) and isinstance(validator, MinValueValidator):
            low = max(low, limit)
        elif isinstance(limit, int) and isinstance(validator, MaxValueValidator):
            high = min(high, limit)
    return {"min_value": low, "max_value": high}


def _merged(existing, extra):
    """Wagtail's override for a field class (a dict or a function of the model field) plus ours."""

    def override(db_field):
        base = existing(db_field) if callable(existing) else dict(existing or {})
        more = extra(db_field) if callable(extra) else extra
        return {**base, **more}

    return override


def bound_admin_model_forms():
    """Bound dates, integers and text of every Wagtail admin model form. Called once, from an app's
    ready(); calling it again changes nothing."""
    from django.db import models
    from wagtail.admin.forms import models as admin_forms
    from wagtail.fields import RichTextField

    if getattr(admin_forms.registry, "_database_bounds", False):
        return
    by_class, by_exact_class = admin_forms.registry.values_by_class, admin_forms.registry.values_by_exact_class
    dates = {"validators": [DateInRange()]}
    for field_class, extra in (
        (models.DateField, dates),
        (models.DateTimeField, dates),
        (models.IntegerField, _integer_bounds),
    ):
        admin_forms.register_form_field_override(field_class, override=_merged(by_class.get(field_class), extra))
    admin_forms.register_form_field_override(
        models.TextField,
        override=_merged(by_exact_class.get(models.TextField), {"max_length": LONGEST_ADMIN_TEXT}),
        exact_class=True,
    )
    admin_forms.register_form_field_override(
        RichTextField, override=_merged(by_class.get(RichTextField), {"max_length": LONGEST_ADMIN_TEXT})
    )
    admin_forms.registry._database_bounds = True
