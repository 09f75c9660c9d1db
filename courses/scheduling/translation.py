"""A series' or session's own title and its room in each language (django-modeltranslation). Facilitators
write the source language (services/common.py); the other languages are translations of it."""

from modeltranslation.translator import TranslationOptions, register

from .models import Session, SessionSeries


@register(SessionSeries)
class SessionSeriesTranslation(TranslationOptions):
    fields = ("title", "room")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "room")
