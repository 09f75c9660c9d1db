"""Asking for an accommodation when registering, and changing it later (employees and guests)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms.forms import DatabaseBounds

from .. import selectors, services
from ..exceptions import SchedulingError
from ..models import Accommodation


class AccommodationForm(DatabaseBounds, forms.Form):
    """The optional accommodation request, prefixed "acc" so it can sit inside another form."""

    interpreter = forms.BooleanField(label=gettext_lazy("An interpreter"), required=False)
    interpreter_language = forms.CharField(
        label=gettext_lazy("Interpreting language"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("For example American Sign Language, Spanish or Vietnamese."),
    )
    captioning = forms.BooleanField(label=gettext_lazy("Live captioning"), required=False)
    large_print = forms.BooleanField(label=gettext_lazy("Large-print materials"), required=False)
    wheelchair = forms.BooleanField(label=gettext_lazy("Wheelchair access"), required=False)
    other = forms.CharField(
        label=gettext_lazy("Something else"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("At most 500 characters."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "acc")
        super().__init__(*args, **kwargs)
        for name in ("interpreter_language", "other"):
            self.fields[name].widget.attrs["aria-describedby"] = self[name].id_for_label + "-help"

    def clean(self):
        data = super().clean()
        if data.get("interpreter") and not (data.get("interpreter_language") or "").strip():
            self.add_error("interpreter_language", _("Say which language the interpreter should use."))
        if not data.get("interpreter") and (data.get("interpreter_language") or "").strip():
            self.add_error("interpreter", _("Tick “An interpreter” to ask for one, or clear the language."))
        return data

    def request(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}

    @classmethod
    def for_registration(cls, registration, data=None):
        accommodation = Accommodation.objects.filter(registration=registration).first() if registration else None
        initial = {name: getattr(accommodation, name) for name in cls.base_fields} if accommodation else None
        return cls(data, initial=initial)


def apply_errors(form: AccommodationForm, error: ValidationError) -> None:
    """Put the model's validation errors on the form."""
    for name, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
        form.add_error(name if name in form.fields else None, errors)


@login_required
@require_POST
def accommodation_change(request, pk):
    """The person registered changes or withdraws their request from the session's page."""
    from .sessions import _session_or_404, render_detail

    session = _session_or_404(request, pk)
    registration = selectors.my_registration(session, request.user)
    if registration is None:
        messages.info(request, _("You have no place at this session."))
        return redirect(session)
    form = AccommodationForm(request.POST)
    if form.is_valid():
        try:
            saved = services.accommodation_update(registration=registration, actor=request.user, request=form.request())
        except ValidationError as error:
            apply_errors(form, error)
        except SchedulingError as error:
            messages.error(request, str(error))
            return redirect(session)
        else:
            messages.success(
                request,
                _("Your accommodation request is saved.") if saved else _("You have no accommodation request now."),
            )
            return redirect(session)
    return render_detail(request, session, accommodation_form=form, status=400)
