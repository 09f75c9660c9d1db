"""Writes about a person's language."""

from django.conf import settings
from django.db import transaction

from .exceptions import UnknownLanguage


def supported_language(code: str) -> str:
    """The LANGUAGES code for `code` ("zh-Hans" → "zh-hans"); UnknownLanguage when it is not offered."""
    codes = {language.lower(): language for language, _name in settings.LANGUAGES}
    try:
        return codes[(code or "").strip().lower()]
    except KeyError:
        raise UnknownLanguage(code)


@transaction.atomic
def employee_language_set(*, employee, language: str) -> bool:
    """Make `language` the employee's preferred language (interface, e-mails, certificates).
    Returns whether it changed; an unknown language raises UnknownLanguage and changes nothing."""
    language = supported_language(language)
    if employee.preferred_language == language:
        return False
    employee.preferred_language = language
    employee.full_clean()
    employee.save(update_fields=["preferred_language", "updated_at"])
    return True
