import os
import shutil

import pytest
from django.db import DatabaseError

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make beside
# it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_path():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise RuntimeError("Chromium is not installed: run the README's test command, which installs it.")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def login(page, username, password="commonground"):
    """Log in through the real login form."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a test that activates Spanish must not
    make a later test's factories fill `title_es` instead of the English field."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_root(db):
    """Wagtail's default site pointing at a HomePage, so CMS pages can be created under it."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    # Transactional tests (live_server) flush the database, Wagtail's initial rows included.
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Common Ground", slug="common-ground"))
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized post-migration data (root page, locale, collection, site) visible to every
    connection wrapper. Playwright's sync API runs tests in another context, where Django hands out a
    fresh wrapper without `_test_serialized_contents`, so `serialized_rollback=True` silently
    restored nothing and a transactional test after another one found an empty page tree."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


def pytest_collection_modifyitems(items):
    """Every transactional test (browser tests through `live_server` included) restores the
    post-migration data with `serialized_rollback`. Mixing the two kinds of flush breaks later tests:
    a plain flush re-creates content types with new ids, a serialized one leaves none until the next
    restore, and cached ids (django-polymorphic stores one per row) then point nowhere."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        uses_server = "live_server" in getattr(item, "fixturenames", ())
        transactional = bool(marker and marker.kwargs.get("transaction")) or (uses_server and marker is None)
        if "task_worker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.tasks)
        if transactional and not (marker and marker.kwargs.get("serialized_rollback")):
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: one test's requests must not spend the next one's budget."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def task_worker(monkeypatch):
    """Run the tasks a test queues the way production does. Without Q_REDIS_URL the tests' Q_CLUSTER
    is `sync` and a task runs as it is queued; calling the fixture then does nothing. With
    Q_REDIS_URL (.ci/run) queuing pushes the task to Redis, and calling the fixture runs django-q2's
    own pusher, worker and monitor once in this process: the task is pulled from Redis, executed and
    its result saved, as in `qcluster`. Returns how many tasks were pulled."""
    import multiprocessing

    import django_q.monitor
    import django_q.worker
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.pusher import pusher

    if not Conf.REDIS:
        yield lambda: 0
        return
    monkeypatch.setattr(Conf, "SYNC", False)
    # The worker closes "old" connections after a task; here it shares the test's connection and transaction.
    monkeypatch.setattr(django_q.worker, "close_old_django_connections", lambda: None)
    monkeypatch.setattr(django_q.monitor, "close_old_django_connections", lambda: None)
    broker = get_broker()
    assert type(broker).__name__ == "Redis"
    broker.purge_queue()

    def run_queued():
        queued = broker.queue_size()
        assert queued, "no task was pushed to Redis"
        tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
        once = multiprocessing.Event()
        once.set()
        while broker.queue_size():
            pusher(tasks, once, broker=broker)
        tasks.put("STOP")
        django_q.worker.worker(tasks, results, multiprocessing.Value("f", -1))
        results.put("STOP")
        django_q.monitor.monitor(results, broker)
        return queued

    yield run_queued
    broker.purge_queue()


@pytest.fixture
def import_chunks(settings, monkeypatch):
    """Imports read IMPORT_CHUNK_ROWS = 2 rows at a time; `import_chunks(module)` then spies on
    `module._write_rows` (the import's per-chunk write) and returns the list of chunks written, each
    as the list of its rows' line numbers."""
    settings.IMPORT_CHUNK_ROWS = 2

    def spy_on(module):
        written = []
        real = module._write_rows

        def write_rows(rows, *args, **kwargs):
            written.append([row.line for row in rows])
            return real(rows, *args, **kwargs)

        monkeypatch.setattr(module, "_write_rows", write_rows)
        return written

    return spy_on


@pytest.fixture
def second_bulk_insert_fails(monkeypatch):
    """`second_bulk_insert_fails(Model.objects)`: that manager's second bulk_create raises a DatabaseError
    (the database refusing a later chunk of an import); returns the list of the sizes of the inserts
    tried."""

    def refuse(manager):
        real = manager.bulk_create
        calls = []

        def bulk_create(objs, *args, **kwargs):
            calls.append(len(objs))
            if len(calls) == 2:
                raise DatabaseError("the database refused the chunk")
            return real(objs, *args, **kwargs)

        monkeypatch.setattr(manager, "bulk_create", bulk_create)
        return calls

    return refuse
