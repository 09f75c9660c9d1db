"""Demo courses: topics and eight real courses with every kind of module. Idempotent.

The content lives in `courses/demo_content.py`; this module only writes it. Rows are matched by
slug, or by course and position, so running the seed again updates them in place and adds nothing.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from courses.catalogue.models import (
    Choice,
    Course,
    LiveSessionModule,
    Module,
    Question,
    QuizModule,
    ReadingModule,
    ReflectionModule,
    Topic,
    VideoModule,
)

from .course_content import COURSES, TOPICS, _transcript

MODULE_MODELS = {
    "reading": ReadingModule,
    "video": VideoModule,
    "quiz": QuizModule,
    "reflection": ReflectionModule,
    "live": LiveSessionModule,
}

# Reading speed for caption timing: about 2.5 words a second, at least two seconds a cue.
WORDS_PER_SECOND = 2.5


def _timestamp(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def webvtt(narration):
    """A WebVTT captions track for the narration, with speaker voice tags."""
    lines = ["WEBVTT", ""]
    start = 0.0
    for number, (speaker, text) in enumerate(narration, start=1):
        duration = max(2.0, len(text.split()) / WORDS_PER_SECOND)
        end = start + duration
        voice = f"<v {speaker}>" if speaker else ""
        lines += [str(number), f"{_timestamp(start)} --> {_timestamp(end)}", f"{voice}{text}", ""]
        start = end + 0.25
    return "\n".join(lines)


def _module_fields(spec):
    kind = spec["kind"]
    if kind == "reading":
        return {"body": spec["body"].strip()}
    if kind == "video":
        return {
            "video_url": spec["url"],
            "transcript": _transcript(spec["narration"]),
            "duration_minutes": spec["minutes"],
        }
    if kind == "quiz":
        return {
            "quiz_kind": spec["quiz_kind"],
            "pass_mark": spec["pass_mark"],
            "attempt_limit": spec.get("attempt_limit", 0),
            "instructions": spec.get("instructions", ""),
        }
    if kind == "reflection":
        return {"prompt": spec["prompt"], "min_length": spec["min_length"]}
    return {"description": spec["description"], "required_attendances": spec["required"]}


def _seed_module(course, position, spec):
    model = MODULE_MODELS[spec["kind"]]
    existing = Module.objects.filter(course=course, position=position).first()
    if existing is not None and not isinstance(existing, model):
        existing.delete()  # the demo's course outline changed: replace this step
        existing = None
    module = existing or model(course=course, position=position)
    module.title = spec["title"]
    module.required = spec.get("required_module", True)
    for name, value in _module_fields(spec).items():
        setattr(module, name, value)
    if spec["kind"] == "video":
        captions = webvtt(spec["narration"]).encode()
        if not module.captions or _read(module.captions) != captions:
            module.captions.save(f"{course.slug}-{position}.vtt", ContentFile(captions), save=False)
    module.full_clean()
    module.save()
    if spec["kind"] == "quiz":
        _seed_questions(module, spec["questions"])
    return module


def _read(field_file):
    try:
        with field_file.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return b""


def _seed_questions(quiz, questions):
    for position, spec in enumerate(questions):
        question, _created = Question.objects.update_or_create(
            quiz=quiz, position=position, defaults={"text": spec["text"], "explanation": spec["explanation"]}
        )
        for choice_position, (text, is_correct) in enumerate(spec["choices"]):
            Choice.objects.update_or_create(
                question=question, position=choice_position, defaults={"text": text, "is_correct": is_correct}
            )
        question.choices.filter(position__gte=len(spec["choices"])).delete()
    quiz.questions.filter(position__gte=len(questions)).delete()


def seed(demo):
    """Topics and courses; fills `demo.courses` (slug → Course) for the seeders after this one."""
    with translation.override("en"), transaction.atomic():
        topics = {}
        for slug, name in TOPICS:
            topics[slug], _created = Topic.objects.update_or_create(slug=slug, defaults={"name": name})
        for spec in COURSES:
            course, _created = Course.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    "title": spec["title"],
                    "summary": spec["summary"],
                    "format": spec["format"],
                    "estimated_minutes": spec["minutes"],
                    "is_published": True,
                },
            )
            course.topics.set([topics[slug] for slug in spec["topics"]])
            for position, module_spec in enumerate(spec["modules"]):
                _seed_module(course, position, module_spec)
            Module.objects.filter(course=course, position__gte=len(spec["modules"])).delete()
            demo.courses[course.slug] = course
    demo.say(f"Courses: {len(COURSES)} with their modules, {len(TOPICS)} topics.")
