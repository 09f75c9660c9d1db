"""Every Wagtail admin model form (pages, snippets, the engine's viewsets) bounds dates, integers and
text to what the database holds, as the public forms do: a year-9999 date, a huge integer or an
over-long text is a form error, never a 500, and nothing changes."""

import datetime

import pytest
from django import forms
from django.test import Client
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import get_page_models

from courses.curricula.models import Curriculum
from courses.people.models import Employee
from lms.forms import LARGEST_INTEGER, LONGEST_ADMIN_TEXT, DateInRange
from tests.factories import EmployeeFactory, training_admin

pytestmark = pytest.mark.django_db
OWN_APPS = ("people", "courses", "scheduling", "requests", "curricula", "insights", "certificates", "cms")


def admin_model_forms():
    """The form class of every admin model form of our apps: each page type and each model viewset."""
    viewsets.populate() if not viewsets.viewsets else None
    for model in get_page_models():
        if model._meta.app_label in OWN_APPS:
            yield model.__name__, model.get_edit_handler().get_form_class()
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model._meta.app_label in OWN_APPS:
            yield viewset.name, viewset.get_form_class()


def test_every_admin_model_form_bounds_dates_integers_and_text():
    seen = set()
    for name, form_class in admin_model_forms():
        for field_name, field in form_class.base_fields.items():
            where = f"{name}.{field_name}"
            if isinstance(field, forms.DateField | forms.DateTimeField):
                assert any(isinstance(v, DateInRange) for v in field.validators), where
                seen.add("date")
            elif isinstance(field, forms.IntegerField):
                assert field.max_value is not None and field.max_value <= LARGEST_INTEGER, where
                assert field.min_value is not None, where
                seen.add("integer")
            elif isinstance(field, forms.CharField) and not isinstance(field, forms.SlugField):
                assert field.max_length is not None, where
                seen.add("text")
    assert seen == {"date", "integer", "text"}  # the walk met every kind


def test_a_positive_field_keeps_its_lower_bound():
    form_class = dict(admin_model_forms())["curricula_admin"]
    assert form_class.base_fields["due_days"].min_value == 0
    assert form_class.base_fields["min_courses"].max_value == 32767


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(training_admin(is_staff=True))
    return client


def test_a_hire_date_in_year_9999_is_a_form_error(admin_client):
    employee = EmployeeFactory(hire_date=datetime.date(2020, 1, 6))
    url = f"/admin/people/employees/edit/{employee.pk}/"
    data = {
        "department": employee.department_id,
        "job_title": employee.job_title,
        "hire_date": "9999-12-31",
        "preferred_language": employee.preferred_language,
        "time_zone": employee.time_zone,
        "active": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Enter a date between 1900 and 2999." in response.content.decode()
    assert Employee.objects.get(pk=employee.pk).hire_date == datetime.date(2020, 1, 6)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("due_days", str(10**30), "Ensure this value is less than or equal to 2147483647."),
        ("due_days", "-1", "Ensure this value is greater than or equal to 0."),
        ("due_date", "9999-12-31", "Enter a date between 1900 and 2999."),
        ("description", "x" * (LONGEST_ADMIN_TEXT + 1), "Ensure this value has at most"),
    ],
)
def test_hostile_values_in_the_curriculum_form_are_form_errors(admin_client, field, value, message):
    page = admin_client.get("/admin/curricula/new/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"name": "Anti-racism foundations", field: value})
    data = {key: val for key, val in data.items() if val not in (None, False)}
    response = admin_client.post("/admin/curricula/new/", data)
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()
    assert not Curriculum.objects.exists()


def test_the_quiz_question_and_choice_forms_are_bounded():
    from courses.catalogue.viewsets import ChoiceFormSetFactory, QuestionForm

    assert QuestionForm().fields["text"].max_length is not None
    choice = ChoiceFormSetFactory.form()
    assert all(field.max_length for name, field in choice.fields.items() if name in ("text", "explanation"))
