"""Make a HomePage the default site's root on a fresh database, replacing Wagtail's welcome page,
so that `/` serves Common Ground right after `migrate`. Does nothing when a HomePage exists."""

from django.conf import settings
from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path alphabet, 4 per level
STEPLEN = 4


def _encode(number):
    digits = ""
    while True:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
        if not number:
            return digits.rjust(STEPLEN, "0")


def _decode(text):
    return int(text, len(ALPHABET))


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return

    from django.utils.translation import get_supported_language_variant

    try:
        language = get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        language = settings.LANGUAGE_CODE
    locale, _created = Locale.objects.get_or_create(language_code=language)
    content_type, _created = ContentType.objects.get_or_create(app_label="cms", model="homepage")

    # Wagtail's welcome page: a plain Page at depth 2 with nothing under it.
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    welcome = Page.objects.filter(depth=2, content_type=page_type, numchild=0)
    welcome_ids = list(welcome.values_list("pk", flat=True))
    taken = set(Page.objects.filter(depth=2).exclude(pk__in=welcome_ids).values_list("slug", flat=True))
    slug = "home" if "home" not in taken else "common-ground"

    last_child = Page.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    position = _decode(last_child.path[-STEPLEN:]) + 1 if last_child else 1
    home = HomePage.objects.create(
        title="Common Ground",
        draft_title="Common Ground",
        slug=slug,
        content_type=content_type,
        path=root.path + _encode(position),
        depth=2,
        numchild=0,
        url_path=f"/{slug}/",
        locale=locale,
        live=True,
        intro="<p>Learning together for a fairer city: anti-racism and equity training for city employees.</p>",
    )
    Site.objects.filter(root_page_id__in=welcome_ids).update(root_page=home)
    Page.objects.filter(pk__in=welcome_ids).delete()
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())

    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_resource_hub"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
