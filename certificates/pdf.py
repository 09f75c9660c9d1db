"""Certificate and transcript PDFs (reportlab), drawn on the canvas for speed.

Every font is an embedded TrueType subset (see fonts.py); text is NFC-normalised; each PDF carries a
title, an author and a language. The QR code is drawn as vector rectangles from segno's matrix (one
rectangle per run of dark modules), which is small and fast.
"""

import io
import logging
import threading
import unicodedata

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from . import fonts as f
from .models import Certificate
from .selectors import Branding, transcript_totals

logger = logging.getLogger(__name__)

INK = HexColor("#1b1b1f")
MUTED = HexColor("#4a4a55")
ALERT = HexColor("#a4161a")

_logo_cache: dict[str, ImageReader] = {}
_logo_lock = threading.Lock()


def verify_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("certificates:verify", args=[certificate.display_code])


def pdf_language(code: str) -> str:
    """BCP 47 tag for the PDF /Lang entry: zh-hans → zh-Hans."""
    base, _sep, rest = (code or "en").partition("-")
    return f"{base}-{rest.title()}" if rest and len(rest) == 4 else code or "en"


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or ""))


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localdate(value)
    return nfc(formats.date_format(value, "DATE_FORMAT"))


def _hours(value) -> str:
    return nfc(formats.number_format(value.normalize() if hasattr(value, "normalize") else value))


def _logo(image) -> ImageReader | None:
    """The logo as an ImageReader, read once per process per rendition."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-800x240|format-png")
    except OSError:  # a missing or unreadable image file must not stop a certificate
        logger.warning("Certificate logo %s could not be read; drawing the certificate without it", image.pk)
        return None
    key = rendition.file.name
    reader = _logo_cache.get(key)
    if reader is None:
        with _logo_lock:
            with rendition.file.open("rb") as handle:
                reader = ImageReader(io.BytesIO(handle.read()))
            _logo_cache[key] = reader
    return reader


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code for `url` with its lower-left corner at (x, y), `size` points wide (quiet zone
    included), as one filled path of rectangles."""
    qr = segno.make(url, error="m", micro=False)
    matrix = qr.matrix
    border = 2
    count = len(matrix) + 2 * border
    module = size / count
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + border + 1) * module
        column = 0
        width = len(row)
        while column < width:
            if row[column]:
                start = column
                while column < width and row[column]:
                    column += 1
                # A hair of overlap avoids white seams between rows in anti-aliased viewers.
                path.rect(x + (start + border) * module, top, (column - start) * module, module * 1.02)
            else:
                column += 1
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)


def _canvas(buffer, *, title: str, author: str, subject: str, language: str, pagesize) -> Canvas:
    # The initial font must be ours too: reportlab would otherwise reference Helvetica, unembedded.
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        pageCompression=1,
        lang=pdf_language(language),
        initialFontName=f.fonts().regular,
    )
    canvas.setTitle(nfc(title))
    canvas.setAuthor(nfc(author))
    canvas.setSubject(nfc(subject))
    canvas.setCreator("Common Ground")
    return canvas


def render_certificate(certificate: Certificate, *, branding: Branding) -> bytes:
    """The certificate as a landscape PDF, in the language of its snapshot."""
    fontset = f.fonts()
    regular, bold = fontset.regular, fontset.bold
    colour = HexColor(branding.primary_colour)
    width, height = landscape(letter)
    buffer = io.BytesIO()
    with translation.override(certificate.language):
        heading = _("Certificate of completion")
        canvas = _canvas(
            buffer,
            title=f"{heading} — {certificate.holder_name} — {certificate.title}",
            author=certificate.organisation_name,
            subject=certificate.title,
            language=certificate.language,
            pagesize=(width, height),
        )
        # Frame
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(10)
        canvas.rect(18, 18, width - 36, height - 36, stroke=1, fill=0)
        canvas.setLineWidth(1)
        canvas.rect(32, 32, width - 64, height - 64, stroke=1, fill=0)
        centre = width / 2
        max_text = width - 160

        # Organisation: the logo when there is one, its name in any case.
        top = height - 70
        logo = _logo(branding.logo)
        if logo is not None:
            image_width, image_height = logo.getSize()
            scale = min(220 / image_width, 56 / image_height)
            drawn_width, drawn_height = image_width * scale, image_height * scale
            left = centre - drawn_width / 2
            canvas.drawImage(logo, left, top - drawn_height + 12, drawn_width, drawn_height, mask="auto")
            top -= drawn_height + 6
        canvas.setFillColor(colour)
        f.draw(canvas, centre, top - 10, certificate.organisation_name, bold, 16, "centre", max_width=max_text)
        canvas.setFillColor(MUTED)
        f.draw(canvas, centre, top - 28, certificate.issuer, regular, 11, "centre", max_width=max_text)

        canvas.setFillColor(colour)
        f.draw(canvas, centre, height - 190, heading, bold, 30, "centre", max_width=max_text)
        canvas.setFillColor(INK)
        f.draw(canvas, centre, height - 228, _("This certifies that"), regular, 13, "centre")
        holder = certificate.holder_name
        f.draw(canvas, centre, height - 272, holder, bold, 32, "centre", max_width=max_text, min_size=12)
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(0.75)
        canvas.line(centre - 220, height - 282, centre + 220, height - 282)
        f.draw(canvas, centre, height - 310, _("has completed"), regular, 13, "centre")

        title_size = 22
        lines = f.wrap(certificate.title, bold, title_size, max_text)
        while len(lines) > 2 and title_size > 11:
            title_size -= 1
            lines = f.wrap(certificate.title, bold, title_size, max_text)
        baseline = height - 342
        for line in lines[:3]:
            f.draw(canvas, centre, baseline, line, bold, title_size, "centre")
            baseline -= title_size * 1.25

        details = [_("Completed on %(date)s") % {"date": _date(certificate.completed_at)}]
        if certificate.hours:
            details.append(_("%(hours)s hours") % {"hours": _hours(certificate.hours)})
        f.draw(canvas, centre, baseline - 6, " · ".join(details), regular, 12, "centre")

        # Bottom row: signatory (start), dates and code (middle), QR code (end).
        canvas.setFillColor(INK)
        canvas.setStrokeColor(INK)
        if certificate.signatory_name:
            canvas.line(70, 110, 290, 110)
            f.draw(canvas, 70, 94, certificate.signatory_name, bold, 12, max_width=220)
            if certificate.signatory_title:
                canvas.setFillColor(MUTED)
                f.draw(canvas, 70, 79, certificate.signatory_title, regular, 10, max_width=220)
        canvas.setFillColor(INK)
        info_x = 330
        issued = _("Issued on %(date)s") % {"date": _date(certificate.issued_on)}
        f.draw(canvas, info_x, 124, issued, regular, 11, max_width=260)
        if certificate.expires_on:
            expires = _("Valid until %(date)s") % {"date": _date(certificate.expires_on)}
            f.draw(canvas, info_x, 108, expires, regular, 11, max_width=260)
        f.draw(canvas, info_x, 88, _("Certificate code"), regular, 9)
        f.draw(canvas, info_x, 72, certificate.display_code, bold, 13)
        url = verify_url(certificate)
        canvas.setFillColor(MUTED)
        f.draw(canvas, info_x, 56, _("Check it at %(url)s") % {"url": url}, regular, 8, max_width=300, min_size=5)
        _qr(canvas, url, width - 70 - 96, 52, 96)

        if certificate.status != Certificate.Status.VALID:
            stamp = Certificate.State(certificate.status).label.upper()
            canvas.saveState()
            canvas.setFillColor(ALERT)
            canvas.setFillAlpha(0.35)
            canvas.translate(centre, height / 2)
            canvas.rotate(24)
            f.draw(canvas, 0, 0, stamp, bold, 72, "centre")
            canvas.restoreState()
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def render_transcript(
    *, holder_name: str, employee_number: str, department: str, rows, branding: Branding, language: str
) -> bytes:
    """An employee's training transcript: every completion, its hours and its certificate."""
    fontset = f.fonts()
    regular, bold = fontset.regular, fontset.bold
    colour = HexColor(branding.primary_colour)
    width, height = letter
    margin = 54
    buffer = io.BytesIO()
    with translation.override(language):
        heading = _("Training transcript")
        canvas = _canvas(
            buffer,
            title=f"{heading} — {holder_name}",
            author=branding.organisation_name,
            subject=heading,
            language=language,
            pagesize=(width, height),
        )
        columns = [
            (margin, _("Training")),
            (margin + 250, _("Completed")),
            (margin + 335, _("Hours")),
            (margin + 380, _("Certificate")),
        ]
        page = 1

        def header(first: bool) -> float:
            canvas.setFillColor(colour)
            f.draw(canvas, margin, height - margin, branding.organisation_name, bold, 11, max_width=width - 2 * margin)
            y = height - margin - 30
            if first:
                f.draw(canvas, margin, y, heading, bold, 20)
                canvas.setFillColor(INK)
                y -= 24
                f.draw(canvas, margin, y, holder_name, bold, 13, max_width=width - 2 * margin)
                y -= 16
                canvas.setFillColor(MUTED)
                who = " · ".join(part for part in (employee_number, department) if part)
                f.draw(canvas, margin, y, who, regular, 10)
                y -= 14
                f.draw(canvas, margin, y, _("Printed on %(date)s") % {"date": _date(timezone.localdate())}, regular, 10)
                y -= 26
            canvas.setFillColor(INK)
            for x, label in columns:
                f.draw(canvas, x, y, label, bold, 10)
            canvas.setStrokeColor(colour)
            canvas.line(margin, y - 5, width - margin, y - 5)
            return y - 20

        def footer() -> None:
            canvas.setFillColor(MUTED)
            f.draw(canvas, width - margin, 30, _("Page %(number)s") % {"number": page}, regular, 8, "right")

        y = header(True)
        kinds = {"session": _("Session attended"), "reading_circle": _("Reading circle meeting")}
        if not rows:
            f.draw(canvas, margin, y, _("No completed courses yet."), regular, 10)
        for row in rows:
            title_lines = f.wrap(row.title, regular, 10, 240)
            needed = 14 * max(len(title_lines), 2) + 6
            if y - needed < 50:
                footer()
                canvas.showPage()
                page += 1
                y = header(False)
            canvas.setFillColor(INK)
            line_y = y
            for line in title_lines:
                f.draw(canvas, margin, line_y, line, regular, 10)
                line_y -= 14
            f.draw(canvas, columns[1][0], y, _date(row.completed_at), regular, 10)
            f.draw(canvas, columns[2][0], y, _hours(row.hours), regular, 10)
            if row.kind in kinds:
                canvas.setFillColor(MUTED)
                f.draw(canvas, columns[3][0], y, kinds[row.kind], regular, 9)
            if row.certificate is not None:
                f.draw(canvas, columns[3][0], y, row.certificate.display_code, regular, 9)
                state = row.certificate.get_state_display()
                if row.revoked:
                    state = _("%(state)s, hours not counted") % {"state": state}
                elif row.certificate.expires_on:
                    state = _("%(state)s, until %(date)s") % {"state": state, "date": _date(row.certificate.expires_on)}
                canvas.setFillColor(MUTED)
                f.draw(canvas, columns[3][0], y - 14, state, regular, 9)
            y = min(line_y, y - 28) - 6
        if rows:
            totals = transcript_totals(rows)
            lines = [
                (_("Courses"), totals["course"], regular),
                (_("Sessions attended"), totals["session"], regular),
                (_("Reading circle meetings"), totals["reading_circle"], regular),
                (_("Total hours"), totals["total"], bold),
            ]
            if y - 16 * len(lines) < 50:
                footer()
                canvas.showPage()
                page += 1
                y = header(False)
            canvas.setStrokeColor(colour)
            canvas.line(margin, y + 8, width - margin, y + 8)
            canvas.setFillColor(INK)
            for label, hours, font in lines:
                f.draw(canvas, margin, y - 8, label, font, 10)
                f.draw(canvas, columns[2][0], y - 8, _hours(hours), font, 10)
                y -= 16
        footer()
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()
