"""Sign-in resists guessing (django-axes), password-reset mail is throttled, and every limit counts
per real client behind the trusted proxies."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from tests.certificates.factories import issued_certificate
from tests.factories import UserFactory, training_admin

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password, ip="203.0.113.5", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


def signed_in(client):
    return "_auth_user_id" in client.session


def guess_wrong(client, username, times, **kwargs):
    for _ in range(times):
        response = sign_in(client, username, "wrong-guess", **kwargs)
        assert response.status_code in (200, 429)


def test_the_51st_guess_is_refused_even_when_it_is_right(client):
    UserFactory(username="amara")
    guess_wrong(client, "amara", settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, "amara", "commonground")
    assert response.status_code == 429
    assert "Signing in is locked for now" in response.content.decode()
    assert not signed_in(client)


def test_fewer_wrong_guesses_do_not_lock_and_the_right_password_resets_the_count(client):
    UserFactory(username="amara")
    guess_wrong(client, "amara", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "amara", "commonground").status_code == 302
    assert signed_in(client)


def test_the_lock_is_per_account_from_every_client(client):
    UserFactory(username="amara")
    guess_wrong(client, "amara", settings.AXES_FAILURE_LIMIT, ip="203.0.113.5")
    assert sign_in(client, "amara", "commonground", ip="198.51.100.7").status_code == 429


def test_the_lock_is_per_client_for_every_account(client):
    UserFactory(username="amara")
    UserFactory(username="bao")
    UserFactory(username="chidi")
    guess_wrong(client, "amara", settings.AXES_FAILURE_LIMIT, ip="203.0.113.5")
    assert sign_in(client, "bao", "commonground", ip="203.0.113.5").status_code == 429
    # Another person, elsewhere, is not affected.
    assert sign_in(client, "chidi", "commonground", ip="198.51.100.7").status_code == 302


def test_a_training_admin_lifts_the_lock(client):
    UserFactory(username="amara")
    guess_wrong(client, "amara", settings.AXES_FAILURE_LIMIT)
    admin = training_admin(username="ta")
    client.force_login(admin)
    page = client.get(reverse("people_admin:signin_lockouts"))
    assert page.status_code == 200 and "amara" in page.content.decode()
    attempt = page.context["attempts"][0]
    client.post(reverse("people_admin:signin_lockouts"), {"attempt": str(attempt.pk)})
    client.logout()
    assert sign_in(client, "amara", "commonground").status_code == 302


def test_only_training_admins_see_the_lockouts(client):
    client.force_login(UserFactory(username="someone"))
    assert client.get(reverse("people_admin:signin_lockouts")).status_code in (302, 403)


def test_password_reset_mail_is_throttled_per_address(client, mailoutbox):
    UserFactory(username="amara", email="amara@city.example")
    for number in range(5):
        client.post("/accounts/password_reset/", {"email": "amara@city.example"}, REMOTE_ADDR=f"203.0.113.{number}")
    response = client.post("/accounts/password_reset/", {"email": "amara@city.example"}, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert len(mailoutbox) == 5


def test_password_reset_mail_is_throttled_per_client(client, mailoutbox):
    for number in range(5):
        UserFactory(username=f"p{number}", email=f"p{number}@city.example")
        client.post("/accounts/password_reset/", {"email": f"p{number}@city.example"})
    assert client.post("/accounts/password_reset/", {"email": "p0@city.example"}).status_code == 429
    assert len(mailoutbox) == 5


def test_two_clients_behind_one_proxy_have_separate_budgets(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 2
    certificate = issued_certificate()
    url = reverse("certificates:verify", args=[certificate.display_code])
    proxy = "10.0.0.2"
    for _ in range(2):
        assert client.get(url, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert client.get(url, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert client.get(url, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200
    # A client cannot pick its own address: only the entry the trusted proxy wrote counts.
    spoofed = "198.51.100.99, 203.0.113.5"
    assert client.get(url, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429


def test_sign_in_lockout_keys_on_the_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="amara")
    UserFactory(username="bao")
    guess_wrong(client, "amara", settings.AXES_FAILURE_LIMIT, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    # Another visitor through the same proxy signs in to their own account.
    response = sign_in(client, "bao", "commonground", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302
