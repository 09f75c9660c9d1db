"""Security headers on every page; error pages in the site's layout and the visitor's language;
expired sessions are cleared on a schedule; production settings pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django_q.models import Schedule

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/verify/", "/healthz", "/no-such-page/", "/sessions/%00/"])
def test_every_response_carries_the_policies(client, site_root, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_has_its_own_policy_without_inline_script(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]  # page previews frame the admin's own pages
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]


def test_the_nonce_appears_in_the_header_only_when_a_script_carries_it(client, site_root):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    from tests.cms import factories as cms

    resource = cms.resource_page(cms.resource_hub(site_root), title="Glossary", summary="Words.")
    response = client.get(f"/admin/pages/{resource.pk}/edit/")
    nonce = [value for value in directives(response)["script-src"] if value.startswith("'nonce-")]
    assert len(nonce) == 1
    body = response.content.decode()
    assert f'<script nonce="{nonce[0][7:-1]}">initDateChooser(' in body
    assert "<script>" not in body  # every inline script of the form carries the nonce
    assert not [value for value in directives(client.get("/"))["script-src"] if value.startswith("'nonce-")]


def test_no_template_of_the_site_has_inline_script():
    """Inline script only in the overrides of Wagtail's widgets and panels, and only with the nonce."""
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for chunk in text.split("<script")[1:]:
            opening = chunk.split(">")[0]
            if "src=" in opening or 'type="application/json"' in opening:
                continue
            nonced = opening == "{% csp_nonce_attribute %}" and template.is_relative_to(
                ROOT / "templates" / "wagtailadmin"
            )
            if not nonced:
                offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_a_404_is_in_the_site_layout_and_the_visitors_language(client, site_root):
    response = client.get("/no-such-page-at-all/", HTTP_ACCEPT_LANGUAGE="es", follow=True)
    body = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in body and "Página no encontrada" in body and 'lang="es"' in body


def test_a_403_says_why_and_what_to_do(client):
    client.force_login(UserFactory())
    response = client.get("/facilitate/")
    body = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in body and "training team" in body


def test_a_nul_byte_gets_a_400_page_with_a_message(client):
    response = client.get("/resources/?q=a%00b", HTTP_ACCEPT_LANGUAGE="ar", follow=True)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'dir="rtl"' in body and "NUL" in body


@override_settings(DEBUG=False)
def test_a_500_is_in_the_site_layout(rf):
    from lms.security.views import server_error

    request = rf.get("/", HTTP_ACCEPT_LANGUAGE="en")
    request.user = UserFactory()
    response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_expired_sessions_are_cleared_on_a_schedule():
    schedule = Schedule.objects.get(name="site: clear expired sessions")
    assert schedule.func == "lms.tasks.clear_expired_sessions" and schedule.schedule_type == Schedule.DAILY


def test_production_settings_pass_the_deployment_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "x" * 60 + "-a-production-like-secret-key-for-the-check",
        "ALLOWED_HOSTS": "learning.city.example",
        "SITE_URL": "https://learning.city.example",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test suite's conftest for Playwright
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert settings.CONTENT_SECURITY_POLICY
