from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import DatabaseBounds

from . import codes


class VerifyForm(DatabaseBounds, forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=64,
        help_text=_(
            "16 letters and digits, printed under “Certificate code”, e.g. K7QM-3XWP-9HTD-R2BC. "
            "Upper or lower case; spaces and dashes do not matter."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = codes.normalize(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A certificate code has 16 letters and digits (no 0, 1, I or O). Check what you typed.")
            )
        return code


class RevokeForm(DatabaseBounds, forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Recorded in the certificate's history and shown to the holder, on their certificates page and in "
            "the e-mail telling them. The public verify page says only that it is revoked."
        ),
    )


class ReissueForm(DatabaseBounds, forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why it is re-issued, e.g. the holder's name changed. Recorded in the history."),
    )
