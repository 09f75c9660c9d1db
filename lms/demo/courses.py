"""Demo courses: topics and eight real courses with every kind of module. Idempotent.

The texts are in `data/courses.en.json` (read through `loader`); this module only writes them. The
catalogue has no service that creates courses, modules or questions (editors make them in the Wagtail
admin), so rows are written with their models, each checked with `full_clean()` before it is saved.
Rows are matched by slug, or by course and position, so running the seed again updates them in place
and adds nothing.
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

from . import loader

MODULE_MODELS = {
    "reading": ReadingModule,
    "video": VideoModule,
    "quiz": QuizModule,
    "reflection": ReflectionModule,
    "live": LiveSessionModule,
}
# The fields each kind of module takes from its data as they are (videos also get captions and a
# transcript, built from their narration).
MODULE_FIELDS = {
    "reading": ["body"],
    "video": ["video_url", "duration_minutes"],
    "quiz": ["quiz_kind", "pass_mark", "attempt_limit", "instructions"],
    "reflection": ["prompt", "min_length"],
    "live": ["description", "required_attendances"],
}
MODULE_DEFAULTS = {"attempt_limit": 0, "instructions": ""}

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
    for number, line in enumerate(narration, start=1):
        speaker, text = line["speaker"], line["text"]
        duration = max(2.0, len(text.split()) / WORDS_PER_SECOND)
        end = start + duration
        voice = f"<v {speaker}>" if speaker else ""
        lines += [str(number), f"{_timestamp(start)} --> {_timestamp(end)}", f"{voice}{text}", ""]
        start = end + 0.25
    return "\n".join(lines)


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def _upsert(model, lookup, values):
    """The row matching `lookup`, created if missing, with `values` set; validated, then saved."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    return _saved(instance)


def _seed_module(course, position, spec):
    kind = spec["kind"]
    model = MODULE_MODELS[kind]
    existing = Module.objects.filter(course=course, position=position).first()
    if existing is not None and not isinstance(existing, model):
        existing.delete()  # the demo's course outline changed: replace this step
        existing = None
    module = existing or model(course=course, position=position)
    module.title = spec["title"]
    module.required = spec.get("required", True)
    for name in MODULE_FIELDS[kind]:
        setattr(module, name, spec[name] if name in spec else MODULE_DEFAULTS[name])
    if kind == "video":
        module.transcript = loader.transcript(spec["narration"])
        captions = webvtt(spec["narration"]).encode()
        if not module.captions or _read(module.captions) != captions:
            module.captions.save(f"{course.slug}-{position}.vtt", ContentFile(captions), save=False)
    _saved(module)
    if kind == "quiz":
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
        question = _upsert(
            Question, {"quiz": quiz, "position": position}, {"text": spec["text"], "explanation": spec["explanation"]}
        )
        for choice_position, choice in enumerate(spec["choices"]):
            _upsert(
                Choice,
                {"question": question, "position": choice_position},
                {"text": choice["text"], "is_correct": choice["correct"]},
            )
        question.choices.filter(position__gte=len(spec["choices"])).delete()
    quiz.questions.filter(position__gte=len(questions)).delete()


def seed(demo):
    """Topics and courses; fills `demo.courses` (slug → Course) for the seeders after this one."""
    topic_specs = loader.load("courses.en")["topics"]
    course_specs = loader.courses()
    with translation.override("en"), transaction.atomic():
        topics = {spec["slug"]: _upsert(Topic, {"slug": spec["slug"]}, {"name": spec["name"]}) for spec in topic_specs}
        for spec in course_specs:
            course = _upsert(
                Course,
                {"slug": spec["slug"]},
                {
                    "title": spec["title"],
                    "summary": spec["summary"],
                    "format": spec["format"],
                    "estimated_minutes": spec["estimated_minutes"],
                    "is_published": True,
                },
            )
            course.topics.set([topics[slug] for slug in spec["topics"]])
            for position, module_spec in enumerate(spec["modules"]):
                _seed_module(course, position, module_spec)
            Module.objects.filter(course=course, position__gte=len(spec["modules"])).delete()
            demo.courses[course.slug] = course
    demo.say(f"Courses: {len(course_specs)} with their modules, {len(topic_specs)} topics.")
