"""The purpose statement is translated per field (django-modeltranslation), like the engine's content."""

from modeltranslation.translator import TranslationOptions, register

from .models import InsightsSettings


@register(InsightsSettings)
class InsightsSettingsTranslation(TranslationOptions):
    fields = ("purpose",)
