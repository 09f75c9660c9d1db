"""Append translations to the committed catalogues without running makemessages (which rewrites every
reference line). Usage: .venv/bin/python scripts/add_translations.py FILE.json, where the JSON maps each
msgid to {"es": …, "vi": …, "zh_Hans": …, "ar": …}. Existing msgids are updated in place. Run
`manage.py compilemessages --ignore=.venv` afterwards; `makemessages` refreshes references later."""

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main(path: str) -> None:
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for language in ("es", "vi", "zh_Hans", "ar"):
        catalogue_path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(catalogue_path), wrapwidth=79)
        for msgid, translations in entries.items():
            existing = catalogue.find(msgid)
            if existing is not None:
                existing.msgstr = translations[language]
                if "fuzzy" in existing.flags:
                    existing.flags.remove("fuzzy")
            else:
                catalogue.append(polib.POEntry(msgid=msgid, msgstr=translations[language]))
        catalogue.save(str(catalogue_path))


if __name__ == "__main__":
    main(sys.argv[1])
