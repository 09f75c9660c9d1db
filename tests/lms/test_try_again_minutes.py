"""Every "too many" answer (rate limits and the sign-in lock-out) says in how many minutes the visitor
may try again, in the visitor's language, and sends Retry-After."""

import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.utils import translation

from lms.security import ratelimit
from lms.security.lockout import minutes_until
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_minutes_are_rounded_up_and_never_zero():
    assert [minutes_until(s) for s in (0, 1, 59, 60, 61, 3600)] == [1, 1, 1, 1, 2, 60]


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("en", 3600, "You may try again in 60 minutes."),
        ("en", 30, "You may try again in 1 minute."),
        ("es", 600, "Podrá intentarlo de nuevo dentro de 10 minutos."),
        ("ar", 120, "يمكنك المحاولة مرة أخرى بعد دقيقتين."),
    ],
)
def test_the_429_page_says_the_minutes_in_the_visitors_language(language, seconds, expected):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    with translation.override(language):
        response = ratelimit.too_many(request, "Too many.", seconds)
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds)
    assert expected in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=0.5)
def test_the_lock_out_page_says_the_minutes_left_in_the_visitors_language(client):
    UserFactory(username="amara")
    for _ in range(3):
        client.post("/accounts/login/", {"username": "amara", "password": "wrong"}, REMOTE_ADDR="203.0.113.5")
    response = client.post(
        "/accounts/login/",
        {"username": "amara", "password": "commonground"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 429
    assert 1790 <= int(response["Retry-After"]) <= 1800
    html = response.content.decode()
    assert "Podrá intentarlo de nuevo dentro de 30 minutos." in html
    assert 'lang="es"' in html


@override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=2, CERTIFICATE_VERIFY_RATE_WINDOW=600)
def test_the_limited_certificate_check_says_the_minutes(client):
    for _ in range(2):
        assert client.get("/verify/ABCD-EFGH-JKLM-NPQT/").status_code == 404
    response = client.get("/verify/ABCD-EFGH-JKLM-NPQT/")
    assert response.status_code == 429
    # django-ratelimit's windows are aligned to the clock: what is left of the 10-minute one.
    minutes = int(re.search(r"You may try again in (\d+) minutes?\.", response.content.decode()).group(1))
    assert 1 <= minutes <= 10
    assert minutes == minutes_until(int(response["Retry-After"]))
