"""The self-identification questions, shipped as data (JSON files in `standards/`), chosen in settings.

`INSIGHTS_IDENTITY_STANDARD` names the race and ethnicity standard (US OMB SPD 15 (2024) by default, or
BC's racial identity standard); `INSIGHTS_EXTRA_DIMENSIONS` adds dimensions (gender identity, disability…)
by file name or path, without code. Every label carries its text in each interface language.

A question's groups are its options; a write-in counts toward the group "another identity" and is never
shown to anyone but its author; "prefer not to answer" is a group of its own and excludes the others.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

STANDARDS_DIR = Path(__file__).resolve().parent / "standards"
ANOTHER = "another"
PREFER_NOT = "prefer_not"
TWO_OR_MORE = "two_or_more"
ANSWERED = "answered"
WRITE_IN_MAX = 200


def translated(labels: dict) -> str:
    """The label in the active language, else English."""
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    return labels.get(language) or labels.get(language.split("-")[0]) or labels["en"]


@dataclass(frozen=True)
class Detail:
    key: str
    labels: dict

    @property
    def label(self):
        return translated(self.labels)


@dataclass(frozen=True)
class Option:
    key: str
    labels: dict
    details: tuple[Detail, ...]

    @property
    def label(self):
        return translated(self.labels)


@dataclass(frozen=True)
class Question:
    key: str
    prompts: dict
    helps: dict
    write_in_labels: dict | None
    options: tuple[Option, ...]

    @property
    def prompt(self):
        return translated(self.prompts)

    @property
    def help(self):
        return translated(self.helps) if self.helps else ""

    @property
    def write_in_label(self):
        return translated(self.write_in_labels) if self.write_in_labels else ""

    def group_of(self, choice: str) -> str | None:
        """The group an option or a detail counts toward, or None for an unknown key."""
        for option in self.options:
            if choice == option.key or any(choice == detail.key for detail in option.details):
                return option.key
        return None

    def groups(self) -> list[tuple[str, str]]:
        """(key, label) of every group of the published tables, in order: the options, another identity
        (with a write-in), prefer not to answer."""
        groups = [(option.key, option.label) for option in self.options]
        if self.write_in_labels:
            groups.append((ANOTHER, str(_("Another identity"))))
        groups.append((PREFER_NOT, str(_("Prefer not to answer"))))
        return groups


def _load(name: str) -> list[Question]:
    path = Path(name)
    if not path.suffix:
        path = STANDARDS_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"Self-identification standard {name!r} cannot be read: {error}") from error
    questions = []
    for item in data["questions"]:
        options = tuple(
            Option(
                key=option["key"],
                labels=option["label"],
                details=tuple(Detail(key=d["key"], labels=d["label"]) for d in option.get("details", ())),
            )
            for option in item["options"]
        )
        questions.append(
            Question(
                key=item["key"],
                prompts=item["prompt"],
                helps=item.get("help") or {},
                write_in_labels=item.get("write_in"),
                options=options,
            )
        )
    return questions


@functools.cache
def _questions(names: tuple[str, ...]) -> tuple[Question, ...]:
    questions = [question for name in names for question in _load(name)]
    keys = [question.key for question in questions]
    if len(keys) != len(set(keys)):
        raise ImproperlyConfigured("Two self-identification questions share a key.")
    return tuple(questions)


def standard_names() -> tuple[str, ...]:
    return (settings.INSIGHTS_IDENTITY_STANDARD, *settings.INSIGHTS_EXTRA_DIMENSIONS)


def questions() -> tuple[Question, ...]:
    """The questions asked, in order (Indigenous identity first under BC's standard, as the file says)."""
    return _questions(standard_names())


def question(key: str) -> Question | None:
    return next((q for q in questions() if q.key == key), None)
