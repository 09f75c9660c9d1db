"""The printable sign-in sheet of a session: everyone with a confirmed place (name, department, a box
to sign), then blank rows for walk-ins; the session's title, date and time (the viewer's locale and
time zone) and room on every page, so that loose pages stay attributable.

It lives beside the certificates because it shares their embedded fonts (fonts.py): Chinese,
Vietnamese and Arabic names print with real glyphs, not boxes."""

import io
import math
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import letter

from . import fonts as f
from .pdf import INK, MUTED, _canvas, nfc

RULE = HexColor("#8c8a82")
WALK_INS_MIN = 10
WALK_INS_MAX = 40
ROW_HEIGHT = 30
MARGIN = 48


@dataclass(frozen=True)
class SheetRow:
    name: str
    department: str


def walk_in_rows(*, capacity: int, registered: int) -> int:
    """Blank rows: the seats still free, at least WALK_INS_MIN and at most WALK_INS_MAX."""
    return max(WALK_INS_MIN, min(capacity - registered, WALK_INS_MAX))


def when_text(session) -> str:
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return nfc(
        _("%(date)s, %(start)s–%(end)s (%(zone)s)")
        % {
            "date": formats.date_format(start, "DATE_FORMAT"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"),
            "zone": formats.date_format(start, "T"),
        }
    )


def render_signin_sheet(*, session, rows: list[SheetRow], organisation: str) -> bytes:
    """The sheet as a portrait PDF in the active language; as many pages as the rows need."""
    fontset = f.fonts()
    regular, bold = fontset.regular, fontset.bold
    width, height = letter
    usable = width - 2 * MARGIN
    heading = _("Sign-in sheet")
    title = nfc(session.display_title)
    lines = [(_("When"), when_text(session))]
    if session.room:
        lines.append((_("Room"), nfc(session.room)))
    blanks = walk_in_rows(capacity=session.capacity, registered=len(rows))
    entries: list[SheetRow | None] = list(rows) + [None] * blanks
    header_bottom = height - MARGIN - 70 - 16 * len(lines)
    per_page = int((header_bottom - 30 - MARGIN) // ROW_HEIGHT)
    pages = max(1, math.ceil(len(entries) / per_page))
    columns = [
        (MARGIN, 24, "#"),
        (MARGIN + 24, 190, _("Name")),
        (MARGIN + 214, 140, _("Department")),
        (MARGIN + 354, usable - 354, _("Signature")),
    ]
    buffer = io.BytesIO()
    canvas = _canvas(
        buffer,
        title=f"{heading} — {title}",
        author=organisation,
        subject=heading,
        language=get_language() or "en",
        pagesize=(width, height),
    )
    for page in range(pages):
        canvas.setFillColor(MUTED)
        f.draw(canvas, MARGIN, height - MARGIN, organisation, regular, 9, max_width=usable / 2)
        f.draw(
            canvas,
            width - MARGIN,
            height - MARGIN,
            _("Page %(number)s of %(total)s") % {"number": page + 1, "total": pages},
            regular,
            9,
            "right",
        )
        canvas.setFillColor(INK)
        y = height - MARGIN - 26
        f.draw(canvas, MARGIN, y, heading, bold, 18)
        y -= 22
        f.draw(canvas, MARGIN, y, title, bold, 13, max_width=usable)
        for label, value in lines:
            y -= 16
            label_width = f.draw(canvas, MARGIN, y, f"{label}: ", bold, 10)
            f.draw(canvas, MARGIN + label_width, y, value, regular, 10, max_width=usable - label_width)
        y = header_bottom
        for x, _w, label in columns:
            f.draw(canvas, x + 3, y, label, bold, 10)
        canvas.setStrokeColor(INK)
        canvas.line(MARGIN, y - 6, width - MARGIN, y - 6)
        y -= 6
        for index in range(page * per_page, min(len(entries), (page + 1) * per_page)):
            entry = entries[index]
            bottom = y - ROW_HEIGHT
            canvas.setFillColor(MUTED)
            f.draw(canvas, MARGIN + 3, bottom + 10, formats.number_format(index + 1), regular, 9)
            canvas.setFillColor(INK)
            if entry is not None:
                f.draw(
                    canvas, columns[1][0] + 3, bottom + 10, nfc(entry.name), regular, 10, max_width=columns[1][1] - 6
                )
                f.draw(
                    canvas,
                    columns[2][0] + 3,
                    bottom + 10,
                    nfc(entry.department),
                    regular,
                    9,
                    max_width=columns[2][1] - 6,
                )
            canvas.setStrokeColor(RULE)
            canvas.rect(columns[3][0] + 3, bottom + 4, columns[3][1] - 3, ROW_HEIGHT - 8, stroke=1, fill=0)
            canvas.line(MARGIN, bottom, width - MARGIN, bottom)
            y = bottom
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
