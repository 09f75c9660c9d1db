"""Certificates stay at most 60 KB in every language (issue 14): the embedded font subsets carry
the glyphs used, without hinting or licence text, and still draw the text."""

import io

import pypdfium2
import pytest
from pypdf import PdfReader

from certificates import font_subset, pdf
from certificates.selectors import branding_for
from tests.certificates.factories import holder, issued_certificate
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

MAX_BYTES = 60 * 1024
HOLDERS = {
    "zh-hans": ("欧阳娜娜", "反种族主义基础：城市服务中的公平与语言服务：用居民的语言为他们服务"),
    "ar": ("محمد عبد الله الهاشمي", "أساسيات مناهضة العنصرية في خدمات المدينة"),
    "vi": ("Nguyễn Thị Hương Trần", "Phân biệt chủng tộc mang tính cấu trúc trong dịch vụ thành phố"),
    "es": ("María José Hernández Ñúñez", "Equidad racial en el gobierno municipal"),
    "en": ("Darnell Washington-Begay", "Advancing Racial Equity in City Government"),
}


def certificate_in(language):
    name, title = HOLDERS[language]
    fields = {"title": title} if language == "en" else {"title": "Equity", f"title_{language.replace('-', '_')}": title}
    course = CourseFactory(**fields)
    return issued_certificate(user=holder(name=name, language=language), course=course)


def embedded_fonts(content):
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            yield descriptor["/FontFile2"].get_object().get_data()


@pytest.mark.parametrize("language", list(HOLDERS))
def test_a_certificate_weighs_at_most_60_kb(language):
    content = pdf.render_certificate(certificate_in(language), branding=branding_for())
    assert len(content) <= MAX_BYTES, f"{language}: {len(content) / 1024:.1f} KB"


@pytest.mark.parametrize("language", ["zh-hans", "vi"])
def test_embedded_subsets_carry_no_hinting_and_a_short_name_table(language):
    content = pdf.render_certificate(certificate_in(language), branding=branding_for())
    fonts = list(embedded_fonts(content))
    assert fonts
    for data in fonts:
        tables = font_subset.read_tables(data)
        assert not font_subset.HINTING_TABLES & set(tables)
        assert len(tables[b"name"]) < 600
        assert {b"glyf", b"loca", b"cmap", b"hmtx", b"head"} <= set(tables)


def test_the_lean_fonts_still_draw_the_holders_name():
    """pdfium renders the Chinese name: the band where it is drawn has ink in it."""
    content = pdf.render_certificate(certificate_in("zh-hans"), branding=branding_for())
    document = pypdfium2.PdfDocument(content)
    page = document[0]
    text = page.get_textpage()
    name = HOLDERS["zh-hans"][0]
    assert name in text.get_text_range()
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    left, bottom, right, top = text.get_charbox(text.get_text_range().index(name[0]))
    box = (int(left), int(height - top), int(right) + 1, int(height - bottom) + 1)
    dark = sum(image.crop(box).histogram()[:128])
    assert dark > 20
