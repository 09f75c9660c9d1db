"""The skills of an evaluation form are translated per field (django-modeltranslation), like courses."""

from modeltranslation.translator import TranslationOptions, register

from .models import EvaluationForm


@register(EvaluationForm)
class EvaluationFormTranslation(TranslationOptions):
    fields = ("skill_1", "skill_2", "skill_3")
