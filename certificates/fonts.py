"""TrueType fonts for certificate PDFs: found once, registered once per process, embedded as subsets.

reportlab embeds only TrueType outlines (it cannot embed CFF-flavoured OpenType), so the fonts are
DejaVu Sans (Latin with every Vietnamese letter, Greek, Cyrillic, and Arabic letters) and WenQuanYi
Zen Hei (Chinese). Text is split into runs: each character is drawn with the first font that has a
glyph for it. reportlab subsets both fonts, so a PDF carries only the glyphs it uses, and
font_subset.lean drops their hinting and licence text from each subset (under 60 KB a certificate).

Arabic: the letters are drawn in their isolated forms, left to right, without shaping — legible
names will need shaping and bidi reordering (the i18n issue); nothing breaks on Arabic text today.

Where the files are: the directory in the CERTIFICATE_FONT_DIR setting or environment variable
(every file in one directory), else Debian's locations (packages fonts-dejavu-core and
fonts-wqy-zenhei, installed by scripts/bootstrap).
"""

import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .font_subset import lean

REGULAR = "CG-Sans"
BOLD = "CG-Sans-Bold"
CJK = "CG-CJK"

# name → (file name, Debian directory, subfont index in a collection)
FONT_FILES = {
    REGULAR: ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu", 0),
    BOLD: ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu", 0),
    CJK: ("wqy-zenhei.ttc", "/usr/share/fonts/truetype/wqy", 0),
}

_lock = threading.Lock()
_registered: "FontSet | None" = None


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    fallback: str
    glyphs: dict  # font name → set-like of code points it covers


def font_dir() -> str | None:
    return getattr(settings, "CERTIFICATE_FONT_DIR", None) or os.environ.get("CERTIFICATE_FONT_DIR") or None


def font_path(name: str) -> Path:
    file_name, debian_dir, _index = FONT_FILES[name]
    override = font_dir()
    candidates = [Path(override) / file_name] if override else [Path(debian_dir) / file_name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    where = f"CERTIFICATE_FONT_DIR={override}" if override else debian_dir
    raise ImproperlyConfigured(
        f"Certificate font {file_name} not found in {where}. Install the Debian packages fonts-dejavu-core "
        "and fonts-wqy-zenhei (scripts/bootstrap does), or set CERTIFICATE_FONT_DIR to a directory holding "
        "DejaVuSans.ttf, DejaVuSans-Bold.ttf and wqy-zenhei.ttc."
    )


def fonts() -> FontSet:
    """Register the certificate fonts with reportlab (once per process) and return their names."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            glyphs = {}
            for name, (_file, _dir, index) in FONT_FILES.items():
                font = lean(TTFont(name, str(font_path(name)), subfontIndex=index))
                pdfmetrics.registerFont(font)
                glyphs[name] = font.face.charToGlyph
            _registered = FontSet(regular=REGULAR, bold=BOLD, fallback=CJK, glyphs=glyphs)
    return _registered


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """Split NFC-normalised `text` into (font name, substring) runs. A character the font lacks is
    drawn with the fallback font when that has it; spaces and combining marks stay in the current
    run so that a name is not cut into many pieces."""
    fontset = fonts()
    text = unicodedata.normalize("NFC", str(text or ""))
    primary = fontset.glyphs[font]
    fallback = fontset.glyphs[fontset.fallback]
    result: list[list[str]] = []
    for char in text:
        code = ord(char)
        if result and (char.isspace() or unicodedata.combining(char)):
            chosen = result[-1][0]
        elif code in primary or code not in fallback:
            chosen = font
        else:
            chosen = fontset.fallback
        if result and result[-1][0] == chosen:
            result[-1][1] += char
        else:
            result.append([chosen, char])
    return [(name, part) for name, part in result]


def text_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(part, name, size) for name, part in runs(text, font))


def draw(
    canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    align: str = "left",
    *,
    max_width: float | None = None,
    min_size: float = 6,
) -> float:
    """Draw `text` at baseline y; `align` is left, centre or right of x; with `max_width`, shrink the
    size (down to `min_size`) until it fits. Returns the width."""
    if max_width is not None:
        size = fit(text, font, size, max_width, min_size)
    pieces = runs(text, font)
    widths = [pdfmetrics.stringWidth(part, name, size) for name, part in pieces]
    total = sum(widths)
    if align == "centre":
        x -= total / 2
    elif align == "right":
        x -= total
    for (name, part), width in zip(pieces, widths, strict=True):
        canvas.setFont(name, size)
        canvas.drawString(x, y, part)
        x += width
    return total


def fit(text: str, font: str, size: float, max_width: float, min_size: float) -> float:
    """The largest size ≤ `size` (and ≥ `min_size`) at which `text` fits on one line."""
    width = text_width(text, font, size)
    if width <= max_width:
        return size
    return max(min_size, size * max_width / width)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Break `text` into lines no wider than `max_width`: at spaces, or inside a word too long for a
    line (Chinese has no spaces: a title breaks between characters)."""
    pieces: list[tuple[str, str]] = []  # (glue before, text)
    for word in (text or "").split():
        if text_width(word, font, size) <= max_width:
            pieces.append((" ", word))
        else:
            pieces.extend((" " if index == 0 else "", char) for index, char in enumerate(word))
    lines: list[str] = []
    current = ""
    for glue, piece in pieces:
        candidate = f"{current}{glue}{piece}" if current else piece
        if current and text_width(candidate, font, size) > max_width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
