from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lms.forms import DatabaseBounds


class HRFileForm(DatabaseBounds, forms.Form):
    file = forms.FileField(
        label=_("HR file"),
        help_text=_(
            "A CSV file saved as UTF-8 with a header row: employee_number, first_name, last_name, email, "
            "department_code, job_title, hire_date (YYYY-MM-DD), preferred_language, active; optionally "
            "department_name and parent_department_code to create departments."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload
