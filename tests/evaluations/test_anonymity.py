"""A response holds no link to its author; a receipt holds no link to the response."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from courses.catalogue.models import Course, CourseCompletion, Enrollment
from courses.evaluations.models import EvaluationReceipt, EvaluationResponse
from courses.scheduling.models import Registration, Session

# What a response may point at: the course and the session it is about. They are shared context —
# their relations lead to the many people of a session (facilitators, registrants), never to one
# author — so the walk stops there; everything else the response reaches is walked recursively.
CONTEXT = {Course, Session}
PEOPLE = {get_user_model(), Registration, Enrollment, CourseCompletion, EvaluationReceipt}


def _related(model):
    for field in model._meta.get_fields(include_hidden=True):
        if field.is_relation and field.related_model is not None:
            yield field, field.related_model


def test_nothing_reached_from_a_response_leads_to_a_person():
    seen, frontier, reached_context = set(), [EvaluationResponse], set()
    while frontier:
        model = frontier.pop()
        if model in seen:
            continue
        seen.add(model)
        for field, related in _related(model):
            assert related not in PEOPLE, f"{model.__name__}.{field.name} leads to {related.__name__}"
            if related in CONTEXT:
                reached_context.add(related)
                continue
            frontier.append(related)
    assert reached_context == CONTEXT
    # The walk stayed inside the evaluations app, apart from the context.
    assert {m._meta.app_label for m in seen} == {"evaluations"}


def test_a_response_keeps_no_time_of_day_and_no_sequence():
    for field in EvaluationResponse._meta.get_fields():
        assert not isinstance(field, models.DateTimeField), field.name
        assert not isinstance(field, models.TimeField), field.name
        assert not isinstance(field, (models.AutoField, models.BigAutoField)), field.name
    assert isinstance(EvaluationResponse._meta.pk, models.UUIDField)


def test_the_receipt_says_nothing_of_the_response():
    assert EvaluationResponse not in {related for _f, related in _related(EvaluationReceipt)}
    answer_names = {f.name for f in EvaluationResponse._meta.get_fields()} - {"id", "course", "session"}
    receipt_names = {f.name for f in EvaluationReceipt._meta.get_fields()}
    assert not answer_names & receipt_names
    assert isinstance(EvaluationReceipt._meta.pk, models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField) for f in EvaluationReceipt._meta.get_fields())


def test_no_model_of_the_project_points_at_a_response():
    for model in apps.get_models():
        if model is EvaluationResponse:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                assert field.related_model is not EvaluationResponse, f"{model.__name__}.{field.name}"
