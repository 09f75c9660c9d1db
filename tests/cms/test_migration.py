import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, Site

from cms.models import HomePage

pytestmark = pytest.mark.django_db

create_homepage = importlib.import_module("cms.migrations.0003_create_homepage").create_homepage


def historical_apps():
    """The models as the migration sees them (no Page.full_clean, no tree helpers)."""
    return MigrationExecutor(connection).loader.project_state(("cms", "0003_create_homepage")).apps


def test_a_freshly_migrated_database_serves_the_home_page_at_the_root(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "cms/home_page.html" in [template.name for template in response.templates]
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.live
    assert site.root_page.locale.language_code == "en"


def test_wagtails_welcome_page_is_gone_after_migrating():
    plain_page = ContentType.objects.get_for_model(Page)

    assert not Page.objects.filter(depth=2, content_type=plain_page).exists()
    assert Page.get_first_root_node().numchild == Page.objects.filter(depth=2).count()


def test_the_migration_does_nothing_when_a_home_page_exists():
    pages_before = list(Page.objects.values_list("pk", "path"))
    sites_before = list(Site.objects.values_list("pk", "root_page_id"))

    create_homepage(historical_apps(), None)

    assert list(Page.objects.values_list("pk", "path")) == pages_before
    assert list(Site.objects.values_list("pk", "root_page_id")) == sites_before


def test_the_migration_replaces_a_welcome_page_and_repoints_the_site():
    root = Page.get_first_root_node()
    HomePage.objects.all().delete()
    Site.objects.all().delete()
    welcome = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)

    create_homepage(historical_apps(), None)

    home = HomePage.objects.get()
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    root.refresh_from_db()
    assert root.numchild == 1
    assert Page.find_problems() == ([], [], [], [], [])
