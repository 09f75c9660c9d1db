"""Voluntary self-identification: the person's own page, answering, changing and withdrawing."""

import pytest
from django.test import override_settings
from django.urls import reverse

from courses.insights import standards
from courses.insights.models import IdentityAnswer, IdentityWriteIn, SelfIdentification, SelfIdentificationWithdrawal
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/self-identification/"


@pytest.fixture
def employee_client(client):
    employee = EmployeeFactory()
    client.force_login(employee.user)
    return client, employee.user


def test_the_page_states_the_purpose_and_asks_the_seven_minimum_categories(employee_client):
    client, _user = employee_client
    response = client.get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Who sees what" in html
    for label in (
        "American Indian or Alaska Native",
        "Asian",
        "Black or African American",
        "Hispanic or Latino",
        "Middle Eastern or North African",
        "Native Hawaiian or Pacific Islander",
        "White",
        "Navajo Nation",
        "Prefer not to answer",
    ):
        assert label in html


def test_answers_are_saved_with_details_groups_and_a_consent_date(employee_client):
    client, user = employee_client
    response = client.post(
        URL, {"q-race_ethnicity": ["mexican", "white"], "w-race_ethnicity": "Genízaro", "consent": "yes"}
    )

    assert response.status_code == 302
    record = SelfIdentification.objects.get(user=user)
    assert record.consented_at is not None
    assert set(record.answers.values_list("choice", "group")) == {
        ("mexican", "hispanic"),
        ("white", "white"),
        (standards.ANOTHER, standards.ANOTHER),
    }
    assert record.write_ins.get().text == "Genízaro"
    assert "Genízaro" in client.get(URL).content.decode()  # the person sees their own write-in


def test_changing_answers_replaces_them_and_keeps_the_consent_date(employee_client):
    client, user = employee_client
    client.post(URL, {"q-race_ethnicity": ["asian"], "w-race_ethnicity": "Hmong", "consent": "yes"})
    consented = SelfIdentification.objects.get(user=user).consented_at

    client.post(URL, {"q-race_ethnicity": ["prefer_not"], "consent": "yes"})

    record = SelfIdentification.objects.get(user=user)
    assert record.consented_at == consented
    assert list(record.answers.values_list("group", flat=True)) == [standards.PREFER_NOT]
    assert not IdentityWriteIn.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"q-race_ethnicity": ["prefer_not", "asian"], "consent": "yes"},
        {"q-race_ethnicity": ["klingon"], "consent": "yes"},
        {"q-race_ethnicity": ["asian"]},
        {"consent": "yes"},
        {"q-race_ethnicity": ["asian"], "w-race_ethnicity": "x" * 201, "consent": "yes"},
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_is_saved(employee_client, data):
    client, _user = employee_client
    response = client.post(URL, data)

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not SelfIdentification.objects.exists()


def test_withdrawing_deletes_every_answer_and_keeps_only_the_date(employee_client):
    client, user = employee_client
    client.post(URL, {"q-race_ethnicity": ["black"], "w-race_ethnicity": "Afro-Latina", "consent": "yes"})

    response = client.post(reverse("insights:self_identification_withdraw"))

    assert response.status_code == 302
    assert not SelfIdentification.objects.exists()
    assert not IdentityAnswer.objects.exists()
    assert not IdentityWriteIn.objects.exists()
    withdrawal = SelfIdentificationWithdrawal.objects.get(user=user)
    assert [f.name for f in withdrawal._meta.concrete_fields] == ["id", "user", "withdrawn_on"]
    assert "Afro-Latina" not in client.get(URL).content.decode()


def test_the_page_is_for_employees_only(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_learn_links_to_the_page(employee_client):
    client, _user = employee_client
    assert URL in client.get("/learn/").content.decode()


@override_settings(INSIGHTS_IDENTITY_STANDARD="bc_racial_identity", INSIGHTS_EXTRA_DIMENSIONS=["gender_identity"])
def test_bc_standard_asks_indigenous_identity_first_and_a_city_can_add_a_dimension(employee_client):
    client, user = employee_client
    html = client.get(URL).content.decode()

    assert html.index("First Nations, Métis or Inuit") < html.index("Which racial identities")
    assert "Southeast Asian" in html and "Another racial identity" in html and "gender identity" in html
    client.post(URL, {"q-indigenous_identity": ["metis"], "q-gender_identity": ["two_spirit"], "consent": "yes"})
    assert set(IdentityAnswer.objects.values_list("question", "group")) == {
        ("indigenous_identity", "metis"),
        ("gender_identity", "two_spirit"),
    }


def test_labels_come_in_every_language(client):
    employee = EmployeeFactory(preferred_language="ar")
    client.force_login(employee.user)
    html = client.get(URL).content.decode()
    for language in ("es", "vi", "zh-hans", "ar"):
        for question in standards._load("omb_spd15_2024"):
            for option in question.options:
                assert option.labels[language]
                assert all(detail.labels[language] for detail in option.details)
    assert "آسيوي" in html and "الأمة" not in html
    assert "Asian</label>" not in html
