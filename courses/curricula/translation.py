"""Curricula that editors translate (django-modeltranslation): the name and description people read."""

from modeltranslation.translator import TranslationOptions, register

from .models import Curriculum


@register(Curriculum)
class CurriculumTranslation(TranslationOptions):
    fields = ("name", "description")
