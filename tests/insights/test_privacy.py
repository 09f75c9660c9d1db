"""No page, export, admin screen, e-mail or log shows a person's self-identification to anyone but that
person: every role walks every page it can reach (following links, the Wagtail admin included) and finds
no trace of a marker written in a write-in answer."""

import logging
import re
from collections import deque

import pytest
from django.conf import settings
from django.core import mail

from courses.insights import services
from tests.factories import EmployeeFactory, UserFactory, facilitator, training_admin
from tests.insights.factories import analyst, answer, city

pytestmark = pytest.mark.django_db
MARKER = "ZQX-PRIVATE-MARKER-7731"
START = [
    "/",
    "/learn/",
    "/sessions/",
    "/compliance/",
    "/compliance/export.csv",
    "/insights/",
    "/insights/curricula/",
    "/insights/curricula.csv",
    "/insights/knowledge-gain/",
    "/insights/knowledge-gain.csv",
    "/insights/audit/",
    "/admin/",
    "/admin/users/",
    "/admin/snippets/",
    "/admin/reports/",
]
SKIP = re.compile(r"logout|/delete/|/revoke|/regenerate|/withdraw|\.pdf$|\.xlsx$|/static/|/media/|/documents/")
LIMIT = 80


def walk(client):
    """GET every same-site page reachable from START by links, up to LIMIT pages; their bodies."""
    seen, queue, bodies = set(), deque(START), []
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        body = response.content.decode("utf-8", errors="replace")
        bodies.append((url, body))
        if "html" in response.get("Content-Type", ""):
            for link in re.findall(r'href="(/[^"#]*)"', body):
                queue.append(link.replace("&amp;", "&"))
    return bodies


def test_no_role_sees_a_write_in_anywhere_but_its_author(client, caplog):
    town = city()
    author = EmployeeFactory(department=town["water"]).user
    answer(author, "white", write_in=MARKER)
    services.insights_snapshot_build()
    editor = UserFactory(username="editor", groups=[settings.EDITORS_GROUP], is_staff=True)
    roles = {
        "employee": EmployeeFactory(department=town["water"]).user,
        "department head": town["head"],
        "facilitator": facilitator(),
        "editor": editor,
        "training admin": training_admin(is_staff=True),
        "equity analyst": analyst(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    caplog.set_level(logging.DEBUG)
    for role, user in roles.items():
        client.force_login(user)
        pages = walk(client)
        assert len(pages) > 3, role
        for url, body in pages:
            assert MARKER not in body, f"{role} sees the write-in at {url}"
    assert all(MARKER not in message.body for message in mail.outbox)
    assert MARKER not in caplog.text

    client.force_login(author)
    assert MARKER in client.get("/self-identification/").content.decode()
