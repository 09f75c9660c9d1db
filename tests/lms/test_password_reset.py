import re

import pytest
from django.core import mail
from django.test import RequestFactory

from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _reset_link(message):
    return re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)


def test_password_reset_page_renders_with_labelled_email_field(client):
    response = client.get("/accounts/password_reset/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<label for="id_email">' in content
    assert 'autocomplete="email"' in content


def test_password_reset_sends_an_email_with_a_link(client):
    UserFactory(username="amara", email="amara@city.example")
    response = client.post("/accounts/password_reset/", {"email": "amara@city.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amara@city.example"]
    assert "Common Ground" in message.subject
    assert "amara" in message.body
    assert _reset_link(message)


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/accounts/password_reset/", {"email": "nobody@city.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_password_reset_link_sets_a_new_password(client):
    user = UserFactory(username="amara", email="amara@city.example")
    client.post("/accounts/password_reset/", {"email": "amara@city.example"})
    link = _reset_link(mail.outbox[0])
    response = client.get(link)  # Django swaps the token for a session marker and redirects
    assert response.status_code == 302
    form_url = response["Location"]
    assert "set-password" in form_url
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_password1": "equity-for-all-2026", "new_password2": "equity-for-all-2026"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password("equity-for-all-2026")
    assert client.get("/accounts/reset/done/").status_code == 200
    assert client.login(request=RequestFactory().get("/"), username="amara", password="equity-for-all-2026")


def test_password_reset_with_mismatched_passwords_changes_nothing(client):
    user = UserFactory(username="amara", email="amara@city.example")
    client.post("/accounts/password_reset/", {"email": "amara@city.example"})
    form_url = client.get(_reset_link(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": "equity-for-all-2026", "new_password2": "something-else-2026"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("commonground")


def test_password_reset_link_with_a_bad_token_says_it_no_longer_works(client):
    UserFactory(username="amara", email="amara@city.example")
    client.post("/accounts/password_reset/", {"email": "amara@city.example"})
    link = _reset_link(mail.outbox[0])
    uid = link.split("/")[3]
    response = client.get(f"/accounts/reset/{uid}/not-a-token/")
    assert response.status_code == 200
    assert "no longer works" in response.content.decode()


def test_password_reset_email_is_written_in_the_employees_preferred_language(client, monkeypatch):
    from django.contrib.auth.forms import PasswordResetForm
    from django.utils import translation

    languages = []
    original = PasswordResetForm.send_mail

    def recording_send_mail(self, *args, **kwargs):
        languages.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PasswordResetForm, "send_mail", recording_send_mail)
    employee = EmployeeFactory(user__email="lan@city.example", preferred_language="es")
    client.post("/accounts/password_reset/", {"email": employee.user.email})
    assert languages == ["es"]
    assert mail.outbox[0].to == ["lan@city.example"]


def test_password_reset_link_uses_site_url_not_the_host_header(client, settings):
    settings.SITE_URL = "https://training.city.example"
    UserFactory(username="amara", email="amara@city.example")
    client.post("/accounts/password_reset/", {"email": "amara@city.example"}, HTTP_HOST="evil.example")
    body = mail.outbox[0].body
    assert "https://training.city.example/accounts/reset/" in body
    assert "evil.example" not in body
