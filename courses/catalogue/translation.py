"""Engine content that editors translate: one course in many languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
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


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Module)
class ModuleTranslation(TranslationOptions):
    fields = ("title",)


@register(ReadingModule)
class ReadingTranslation(TranslationOptions):
    fields = ("body",)


@register(VideoModule)
class VideoTranslation(TranslationOptions):
    # Captions per language: the player offers every language that has a track.
    fields = ("transcript", "captions")


@register(QuizModule)
class QuizTranslation(TranslationOptions):
    fields = ("instructions",)


@register(ReflectionModule)
class ReflectionTranslation(TranslationOptions):
    fields = ("prompt",)


@register(LiveSessionModule)
class LiveSessionTranslation(TranslationOptions):
    fields = ("description",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "explanation")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text", "explanation")
