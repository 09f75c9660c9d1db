"""Reading the self-identification form. The questions are data, so the form is read by hand: every
field name is `q-<question>` (options, details or "prefer_not") and `w-<question>` (the write-in)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import standards


@dataclass
class Answers:
    choices: dict[str, set[str]] = field(default_factory=dict)  # question -> options and details
    write_ins: dict[str, str] = field(default_factory=dict)  # question -> text

    def is_empty(self) -> bool:
        return not any(self.choices.values()) and not any(self.write_ins.values())


def parse_answers(data) -> tuple[Answers, list[str]]:
    """The answers in a POST, and the errors (sentences) that stop them from being saved."""
    answers = Answers()
    errors = []
    for question in standards.questions():
        chosen = {value for value in data.getlist(f"q-{question.key}") if value}
        unknown = {value for value in chosen if value != standards.PREFER_NOT and question.group_of(value) is None}
        if unknown:
            errors.append(_("“%(question)s”: that choice is not on the form.") % {"question": question.prompt})
            continue
        text = (data.get(f"w-{question.key}") or "").strip() if question.write_in_labels else ""
        if len(text) > standards.WRITE_IN_MAX:
            errors.append(
                _("“%(question)s”: please keep the written answer under %(max)s characters.")
                % {"question": question.prompt, "max": standards.WRITE_IN_MAX}
            )
            continue
        if standards.PREFER_NOT in chosen and (len(chosen) > 1 or text):
            errors.append(
                _("“%(question)s”: choose “Prefer not to answer” alone, or clear it to give an answer.")
                % {"question": question.prompt}
            )
            continue
        answers.choices[question.key] = chosen
        if text:
            answers.write_ins[question.key] = text
    if not errors and answers.is_empty():
        errors.append(_("Nothing was chosen. Answer a question, choose “Prefer not to answer”, or leave the page."))
    if not data.get("consent"):
        errors.append(_("Please confirm that you have read what is collected and why."))
    return answers, errors
