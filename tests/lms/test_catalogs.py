"""Every interface string has a translation in every language: extract the strings of the project as
`makemessages` does (in a copy of the project, so the committed catalogues stay as they are), merge them
into the committed catalogues and fail on any string without a (non-fuzzy) translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE_LANGUAGES = ["es", "vi", "zh_Hans", "ar"]
PLURAL_FORMS = {"es": 3, "vi": 1, "zh_Hans": 1, "ar": 6}
# Only the project's own code: third-party apps ship their own catalogues.
SKIPPED = {".venv", ".git", "node_modules", "staticfiles", "media", "tests", "__pycache__", ".pytest_cache"}
MAKEMESSAGES_IGNORES = ["--ignore=.venv", "--ignore=node_modules", "--ignore=staticfiles", "--ignore=media"]


@pytest.fixture(scope="module")
def merged_catalogues(tmp_path_factory):
    copy = tmp_path_factory.mktemp("project")
    for item in ROOT.iterdir():
        if item.name in SKIPPED or item.name.endswith(".sqlite3"):
            continue
        if item.is_dir():
            shutil.copytree(item, copy / item.name, ignore=shutil.ignore_patterns(*SKIPPED, "*.mo"))
        else:
            shutil.copy2(item, copy / item.name)
    languages = [f"--locale={language}" for language in CATALOGUE_LANGUAGES]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, *MAKEMESSAGES_IGNORES, "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return {language: copy / "locale" / language / "LC_MESSAGES" / "django.po" for language in CATALOGUE_LANGUAGES}


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_every_interface_string_is_translated(merged_catalogues, language):
    catalogue = polib.pofile(str(merged_catalogues[language]))
    entries = [entry for entry in catalogue if not entry.obsolete]

    missing = [
        entry.msgid
        for entry in entries
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]

    assert len(entries) > 400
    assert missing == [], f"{len(missing)} strings without a {language} translation: {missing[:20]}"


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_translations_keep_placeholders_and_have_every_plural_form(merged_catalogues, language):
    catalogue = polib.pofile(str(merged_catalogues[language]))
    check = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(merged_catalogues[language])],
        capture_output=True,
        text=True,
    )

    assert check.returncode == 0, check.stderr
    assert f"nplurals={PLURAL_FORMS[language]};" in catalogue.metadata["Plural-Forms"].replace(" ", "")
    for entry in catalogue:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == PLURAL_FORMS[language], entry.msgid


def test_setup_compiles_the_catalogues():
    bootstrap = (ROOT / "scripts" / "bootstrap").read_text()

    assert "compilemessages" in bootstrap
    assert (ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po").exists()
