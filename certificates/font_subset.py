"""Lean font subsets for certificate PDFs.

reportlab embeds a subset of each font with only the glyphs a PDF uses, but copies the whole
`name` table (DejaVu's carries its 15 KB licence text, once per font per PDF) and every glyph's
hinting program (TrueType instructions, plus the `cvt `, `fpgm` and `prep` tables they need).
A PDF viewer scales outlines itself, so hinting buys nothing on a certificate; dropping it and
keeping a name table with just the four names a font must have brings every certificate under
60 KB, Chinese included (issue 14). The outlines, metrics and character map are untouched.

`lean(font)` wraps a registered TTFont's subsetting; the rest of this module reads and writes the
sfnt container (the table directory, `glyf` and `loca`)."""

import struct

from reportlab.pdfbase.ttfonts import TTFontMaker

HINTING_TABLES = {b"cvt ", b"fpgm", b"prep"}
# Composite glyph flags (OpenType spec, 'glyf' table).
ARG_1_AND_2_ARE_WORDS = 0x0001
WE_HAVE_A_SCALE = 0x0008
MORE_COMPONENTS = 0x0020
WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
WE_HAVE_A_TWO_BY_TWO = 0x0080
WE_HAVE_INSTRUCTIONS = 0x0100


def lean(font):
    """Make `font` (a reportlab TTFont) embed lean subsets. Returns the font."""
    face = font.face
    subset_with_hinting = face.makeSubset
    names = (face.familyName, face.styleName, face.name)

    def make_subset(subset):
        return strip(subset_with_hinting(subset), names=names)

    face.makeSubset = make_subset
    return font


def read_tables(data: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
        tables[tag] = data[offset : offset + length]
    return tables


def strip(data: bytes, *, names: tuple) -> bytes:
    """The TrueType font `data` without hinting and with a minimal name table."""
    tables = read_tables(data)
    head = tables[b"head"]
    (long_offsets,) = struct.unpack_from(">h", head, 50)
    loca = tables[b"loca"]
    if long_offsets:
        offsets = struct.unpack(f">{len(loca) // 4}L", loca)
    else:
        offsets = [offset * 2 for offset in struct.unpack(f">{len(loca) // 2}H", loca)]
    glyf = tables[b"glyf"]
    glyphs = [_unhinted(glyf[start:end]) for start, end in zip(offsets, offsets[1:], strict=False)]
    new_offsets, position = [], 0
    for glyph in glyphs:
        new_offsets.append(position)
        position += len(glyph)
    new_offsets.append(position)

    output = TTFontMaker()
    for tag, table in tables.items():
        if tag in HINTING_TABLES or tag in (b"glyf", b"loca", b"head", b"name"):
            continue
        output.add(tag.decode("latin-1"), table)
    output.add("glyf", b"".join(glyphs))
    output.add("loca", struct.pack(f">{len(new_offsets)}L", *new_offsets))
    output.add("head", head[:50] + struct.pack(">h", 1) + head[52:])
    output.add("name", name_table(*names))
    return output.makeStream()


def _unhinted(glyph: bytes) -> bytes:
    """One glyph's data without its instructions, padded to 4 bytes."""
    if not glyph:
        return glyph
    (contours,) = struct.unpack_from(">h", glyph, 0)
    if contours >= 0:
        instructions_at = 10 + 2 * contours
        (length,) = struct.unpack_from(">H", glyph, instructions_at)
        glyph = glyph[:instructions_at] + b"\x00\x00" + glyph[instructions_at + 2 + length :]
    else:
        parts, position, flags = [glyph[:10]], 10, MORE_COMPONENTS
        while flags & MORE_COMPONENTS:
            flags, _index = struct.unpack_from(">HH", glyph, position)
            size = 4 + (4 if flags & ARG_1_AND_2_ARE_WORDS else 2)
            if flags & WE_HAVE_A_SCALE:
                size += 2
            elif flags & WE_HAVE_AN_X_AND_Y_SCALE:
                size += 4
            elif flags & WE_HAVE_A_TWO_BY_TWO:
                size += 8
            component = struct.pack(">H", flags & ~WE_HAVE_INSTRUCTIONS) + glyph[position + 2 : position + size]
            parts.append(component)
            position += size
        glyph = b"".join(parts)  # the instructions after the last component are left behind
    return glyph + b"\x00" * (-len(glyph) % 4)


def name_table(family: bytes | str, style: bytes | str, postscript: bytes | str) -> bytes:
    """A name table (format 0) with family, subfamily, full and PostScript names, for Windows
    (UTF-16) and Macintosh (Roman) platforms."""

    def text(value):
        return value.decode("latin-1") if isinstance(value, bytes) else str(value)

    family, style, postscript = text(family), text(style), text(postscript)
    entries = {1: family, 2: style, 4: f"{family} {style}", 6: postscript}
    records, strings = [], b""
    for platform, encoding, language, codec in ((1, 0, 0, "mac_roman"), (3, 1, 0x409, "utf-16-be")):
        for name_id, value in entries.items():
            encoded = value.encode(codec, errors="replace")
            records.append(struct.pack(">6H", platform, encoding, language, name_id, len(encoded), len(strings)))
            strings += encoded
    header = struct.pack(">3H", 0, len(records), 6 + 12 * len(records))
    return header + b"".join(records) + strings
