from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX

SCALE = [(str(score), str(score)) for score in range(1, 6)]


def _rating(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={
            "required": _("Please choose a number from 1 to 5."),
            "invalid_choice": _("Please choose a number from 1 to 5."),
        },
    )


class EvaluationAnswersForm(forms.Form):
    """The questions of one evaluation: facilitation only for a session, one before/now pair per skill."""

    relevance = _rating(_("How relevant was this to my work?"), _("1 = not at all, 5 = very relevant"))
    facilitation = _rating(_("How good was the facilitation?"), _("1 = poor, 5 = excellent"))
    recommend = _rating(_("Would I recommend it to a colleague?"), _("1 = certainly not, 5 = certainly"))
    comment = forms.CharField(
        label=_("Anything else you would like to say (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        help_text=_("Please do not write your name or anything that identifies you or others."),
    )

    def __init__(self, *args, skills: list[str], with_facilitation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_facilitation:
            del self.fields["facilitation"]
        comment = self.fields.pop("comment")
        self.skill_rows = []
        for slot, skill in enumerate(skills, start=1):
            self.fields[f"skill_{slot}_before"] = _rating(_("Before: %(skill)s") % {"skill": skill})
            self.fields[f"skill_{slot}_now"] = _rating(_("Now: %(skill)s") % {"skill": skill})
            self.skill_rows.append((skill, f"skill_{slot}_before", f"skill_{slot}_now"))
        self.fields["comment"] = comment

    def skill_fields(self):
        return [(skill, self[before], self[now]) for skill, before, now in self.skill_rows]

    def answers(self) -> dict:
        return dict(self.cleaned_data)
