"""The protected figures are built by the task worker, never inside a request: a page without a current
snapshot queues one rebuild (at most one at a time) and says the figures are being prepared."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from courses.insights import services
from courses.insights.models import InsightsAccess, InsightsSnapshot
from tests.factories import training_admin
from tests.insights.factories import analyst, city

pytestmark = pytest.mark.django_db
PAGES = ["/insights/", "/insights/curricula/", "/insights/knowledge-gain/", "/insights/curricula.csv"]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_without_a_snapshot_a_page_queues_one_rebuild_and_shows_no_figures(client, django_capture_on_commit_callbacks):
    city()
    client.force_login(analyst())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        responses = [client.get(url) for url in PAGES]

    assert len(queued) == 1  # four visits, one rebuild queued
    for response in responses:
        html = response.content.decode()
        assert response.status_code == 200
        assert "The figures are being prepared" in html
        assert "<table" not in html and "Whole organisation" not in html
    assert not InsightsSnapshot.objects.exists()
    assert not InsightsAccess.objects.exists()  # no figures seen, nothing to audit


def test_the_queued_rebuild_makes_the_figures_and_frees_the_queue(client, django_capture_on_commit_callbacks):
    city()
    client.force_login(analyst())
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the task (sync in tests)
        client.get("/insights/")

    assert InsightsSnapshot.objects.exists()
    assert not services.insights_refresh_queued()
    html = client.get("/insights/curricula/").content.decode()
    assert "Whole organisation" in html and "being prepared" not in html


def test_a_snapshot_under_another_threshold_is_not_shown(client, django_capture_on_commit_callbacks):
    city()
    services.insights_snapshot_build()  # k = 10
    client.force_login(analyst())
    with override_settings(AGGREGATE_MIN_CELL=20), django_capture_on_commit_callbacks() as queued:
        html = client.get("/insights/curricula/").content.decode()

    assert "The figures are being prepared" in html and "<table" not in html
    assert len(queued) == 1


def test_the_refresh_button_queues_and_says_so_once(client, django_capture_on_commit_callbacks):
    city()
    services.insights_snapshot_build()
    before = InsightsSnapshot.objects.count()
    client.force_login(training_admin())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = client.post("/insights/refresh/", follow=True).content.decode()
        second = client.post("/insights/refresh/", follow=True).content.decode()

    assert len(queued) == 1
    assert "The figures are being recalculated" in first
    assert "already under way" in second
    assert InsightsSnapshot.objects.count() == before  # nothing built inside the request
    assert "Whole organisation" in second  # the current figures stay readable meanwhile


def test_a_failed_rebuild_still_frees_the_queue(monkeypatch):
    from courses.insights import tasks

    def broken(**kwargs):
        raise RuntimeError("solver failed")

    assert services.insights_refresh_queue()
    monkeypatch.setattr(services, "insights_snapshot_build", broken)
    with pytest.raises(RuntimeError):
        tasks.insights_refresh()
    assert not services.insights_refresh_queued()
    assert services.insights_refresh_queue()


def test_a_head_cannot_refresh(client):
    town = city()
    client.force_login(town["head"])
    assert client.post("/insights/refresh/").status_code == 404
    assert not services.insights_refresh_queued()
