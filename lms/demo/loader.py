"""Reads the demo's data files (`lms/demo/data/*.json`, described in `data/README.md`).

Content lives in those files, one per language where it is translated (`courses.en.json`,
`courses.es.json`, …); the seeders hold only the logic that writes it. Each file is read once; every
call returns a fresh copy, so a caller may hand it to a model that changes it (StreamField adds ids).
"""

import functools
import json
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE_LANGUAGE = "en"


def load(name: str) -> dict:
    """The data file `data/<name>.json`, e.g. `load("organisation")` or `load("courses.es")`."""
    return json.loads(_text(name))


@functools.cache
def _text(name: str) -> str:
    return (DATA_DIR / f"{name}.json").read_text(encoding="utf-8")


def translation_languages() -> list[str]:
    """The site's languages, other than the source language, that the data files translate the
    demo into (those with a `courses.<code>.json`), in the order of `settings.LANGUAGES`."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if code != SOURCE_LANGUAGE and (DATA_DIR / f"courses.{code}.json").exists()
    ]


def courses() -> list[dict]:
    """The demo's courses, with every quiz's questions taken from the question banks where the data
    refers to one (`{"bank": name, "question": index}`): pre- and post-tests share their questions."""
    data = load(f"courses.{SOURCE_LANGUAGE}")
    return [
        {**course, "modules": [_with_questions(module, data["question_banks"]) for module in course["modules"]]}
        for course in data["courses"]
    ]


def course(slug: str) -> dict:
    return next(spec for spec in courses() if spec["slug"] == slug)


def _with_questions(module: dict, banks: dict) -> dict:
    if "questions" not in module:
        return module
    questions = [banks[item["bank"]][item["question"]] if "bank" in item else item for item in module["questions"]]
    return {**module, "questions": questions}


def distinct_questions(course_spec: dict) -> list[dict]:
    """A course's questions, each once, in order of first appearance."""
    seen, questions = set(), []
    for module in course_spec["modules"]:
        for question in module.get("questions", []):
            if question["text"] not in seen:
                seen.add(question["text"])
                questions.append(question)
    return questions


def transcript(narration: list[dict]) -> str:
    """A video's transcript from its narration; its captions come from the same lines, so the two agree."""
    return "\n\n".join(f"{line['speaker']}: {line['text']}" if line["speaker"] else line["text"] for line in narration)
