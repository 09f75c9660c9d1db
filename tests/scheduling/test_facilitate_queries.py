"""Listing pages of facilitators, rosters and requests run a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.scheduling.requests import services as requests
from tests.factories import DepartmentFactory, UserFactory, facilitator, training_admin
from tests.scheduling.factories import SessionFactory, registration

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm up: the first request of a test fills per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_facilitator_overview_runs_constant_queries(client):
    person = facilitator()
    client.force_login(person)

    def add(n):
        for i in range(n):
            start = timezone.now() + datetime.timedelta(days=3 + len(person.facilitated_sessions.all()) + i)
            registration(
                SessionFactory(facilitators=[person], starts_at=start, ends_at=start + datetime.timedelta(hours=1))
            )

    add(2)
    few = queries(client, reverse("scheduling:facilitate"))
    add(6)
    assert queries(client, reverse("scheduling:facilitate")) == few


def test_the_roster_runs_constant_queries(client):
    person = facilitator()
    session = SessionFactory(facilitators=[person], capacity=50)
    client.force_login(person)
    for _ in range(2):
        registration(session)
    few = queries(client, reverse("scheduling:roster", args=[session.pk]))
    for _ in range(8):
        registration(session)
    assert queries(client, reverse("scheduling:roster", args=[session.pk])) == few


def test_the_request_list_runs_constant_queries(client):
    department = DepartmentFactory()
    head = UserFactory()
    department.heads.add(head)
    client.force_login(training_admin())

    def add(n):
        for i in range(n):
            requests.request_create(requester=head, department=department, topic=f"Topic {i}", audience_size=5)

    add(2)
    few = queries(client, reverse("training_requests:list"))
    add(6)
    assert queries(client, reverse("training_requests:list")) == few
