import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_check_deploy_with_production_settings_has_no_warnings():
    # Exactly the environment the README's "Production" paragraph asks for; nothing that loosens it.
    loosening = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}
    env = {
        **{k: v for k, v in os.environ.items() if k not in loosening},
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "a-long-random-secret-key-for-the-deploy-check-0123456789-abcdefghijkl",
        "ALLOWED_HOSTS": "training.city.example",
        "SITE_URL": "https://training.city.example",
        "DATABASE_URL": "postgres://commonground@db.city.example:5432/commonground",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_log_in_from_learn(client):
    response = client.get("/learn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_login_page_renders_and_allows_pasting_passwords(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'autocomplete="current-password"' in content
    assert "onpaste" not in content


def test_settings_read_the_database_from_database_url():
    from django.conf import settings

    url = os.environ.get("DATABASE_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    assert ("postgresql" in engine) == url.startswith("postgres")


@pytest.mark.django_db
def test_healthz_runs_one_query(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert len(queries) == 1


@pytest.mark.parametrize(
    ("status", "arguments", "expected"),
    [
        (0, [], 0),
        (1, ["tests/lms"], 1),
        (5, [], 5),  # nothing collected and nothing selected: the suite is missing
        (5, ["-q", "-p", "no:randomly", "--ignore-glob=*.py"], 5),
        (5, ["-k", "no_such_test"], 0),
        (5, ["-m", "postgres_only"], 0),
        (5, ["tests/lms/test_project.py::no_such_test"], 0),
        (5, ["--deselect", "tests/lms"], 0),
    ],
)
def test_the_test_command_fails_when_pytest_collects_nothing_unless_a_selection_asked_for_it(
    status, arguments, expected
):
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "pytest_status"), str(status), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == expected
