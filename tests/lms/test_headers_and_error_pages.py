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


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/verify/", "/healthz", "/no-such-page/", "/sessions/%00/"])
def test_every_response_carries_the_policies(client, site_root, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_has_its_own_policy(client):
    response = client.get("/admin/login/")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_no_template_of_the_site_has_inline_script():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">")[0] and 'type="application/json"' not in chunk.split(">")[0]:
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
