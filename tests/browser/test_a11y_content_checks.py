"""Wagtail's content checker is on for editors, and the demo's rich text passes it (and our checks of
headings and link texts, in every language)."""

import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import transaction
from django.utils import translation
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page

import lms.demo.cms
import lms.demo.courses
import lms.demo.translations_seed
from cms.content_checks import rich_text_problems
from courses.catalogue.models import ReadingModule
from lms.demo.management.commands.seed_demo import DemoContext
from tests.browser.a11y import _axe
from tests.factories import UserFactory

LANGUAGE_SUFFIXES = ["en", "es", "vi", "zh_hans", "ar"]


def seed_demo_content():
    demo = DemoContext(password="commonground", employees=10, stdout=OutputWrapper(io.StringIO()), style=no_style())
    with translation.override("en"), transaction.atomic():
        lms.demo.courses.seed(demo)
        lms.demo.cms.seed(demo)
        lms.demo.translations_seed.seed(demo)


def test_rich_text_checks_find_empty_headings_skipped_levels_and_vague_links():
    assert rich_text_problems("<h2>Terms</h2><p>See <a href='/g'>the glossary</a>.</p><h3>Race</h3>") == []
    assert rich_text_problems("<h2></h2>") == ["empty h2"]
    assert rich_text_problems("<h2>A</h2><h4>B</h4>") == ["h4 “B” skips a level after h2"]
    assert rich_text_problems("<h1>Title</h1>") == ["h1 “Title” above the page's own heading level (h2)"]
    assert rich_text_problems('<p>For the form <a href="/f">click here</a>.</p>') == [
        "link text “click here” does not say where it leads"
    ]
    assert rich_text_problems('<p><a href="/f">اضغط هنا</a></p>') == [
        "link text “اضغط هنا” does not say where it leads"
    ]


@pytest.mark.django_db
def test_every_reading_of_the_demo_passes_in_every_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo_content()

    problems = {
        (reading.course.slug, reading.position, suffix): found
        for reading in ReadingModule.objects.select_related("course")
        for suffix in LANGUAGE_SUFFIXES
        if (found := rich_text_problems(getattr(reading, f"body_{suffix}") or ""))
    }

    assert ReadingModule.objects.count() >= 8
    assert problems == {}


@pytest.mark.django_db
def test_editors_get_wagtails_content_checker_on_pages_and_visitors_do_not(client, site_root):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for_editor = client.get(site_root.url).content.decode()
    client.logout()
    for_visitor = client.get(site_root.url).content.decode()

    assert 'id="checker-axe-configuration"' in for_editor
    assert "wagtail-userbar" in for_editor
    assert "checker-axe-configuration" not in for_visitor


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_demo_page_passes_wagtails_content_checks_in_every_language(page):
    seed_demo_content()
    checker = ContentCheckerItem()
    custom = {rule["id"] for rule in checker.axe_custom_rules}  # Wagtail's own, run by its JavaScript
    rules = [rule for rule in checker.axe_run_only if rule not in custom]
    urls = [p.url for p in Page.objects.filter(depth__gt=1).live().specific() if p.url]
    problems = []

    for url in urls:
        page.goto(url)
        results = _axe.run(page, options={"runOnly": {"type": "rule", "values": rules}})
        problems += [
            f"{url}: {v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
        ]
        problems += [f"{url}: {problem}" for problem in rich_text_problems(page.inner_html("main"), top_level=1)]
        alts = page.eval_on_selector_all("main img[alt]", "images => images.map(i => i.alt)")
        problems += [f"{url}: image alt text looks like a file name: {alt}" for alt in alts if "." in alt[-5:]]

    assert len(urls) >= 20  # the English site and the translated pages
    assert problems == []
