"""Read the generated PDFs back: fonts, text, QR code, metadata."""

import io
import unicodedata

import pypdfium2
import pytest
import zxingcpp
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from certificates import pdf
from certificates.models import Certificate
from certificates.selectors import Branding, branding_for, transcript_rows
from tests.certificates.factories import holder, issued_certificate
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def fonts_of(reader: PdfReader) -> dict:
    """Every font used on every page (and in its descendant fonts), by base name."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                found[str(descendant["/BaseFont"])] = descendant.get("/FontDescriptor")
    return found


def text_of(content: bytes) -> str:
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


@pytest.fixture
def vietnamese_certificate():
    course = CourseFactory(title="Structural racism", title_vi="Phân biệt chủng tộc mang tính cấu trúc")
    return issued_certificate(user=holder(name="Nguyễn Thị Hương", language="vi"), course=course)


@pytest.fixture
def chinese_certificate():
    course = CourseFactory(title="Language access", title_zh_hans="语言服务：用居民的语言为他们服务")
    return issued_certificate(user=holder(name="王小明", language="zh-hans"), course=course)


def render(certificate):
    return pdf.render_certificate(certificate, branding=branding_for())


def test_every_font_in_the_certificate_is_embedded_truetype(vietnamese_certificate, chinese_certificate):
    for certificate in (vietnamese_certificate, chinese_certificate):
        fonts = fonts_of(PdfReader(io.BytesIO(render(certificate))))
        assert fonts
        for name, descriptor in fonts.items():
            assert descriptor is not None, f"{name} has no font descriptor (a standard, unembedded font)"
            assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded as TrueType"


def test_vietnamese_name_and_title_are_in_the_pdf_text(vietnamese_certificate):
    text = text_of(render(vietnamese_certificate))
    assert "Nguyễn Thị Hương" in text
    assert "Phân biệt chủng tộc mang tính cấu trúc" in text


def test_chinese_name_and_title_are_in_the_pdf_text(chinese_certificate):
    text = text_of(render(chinese_certificate))
    assert "王小明" in text
    assert "语言服务" in text


def test_code_and_dates_are_printed(vietnamese_certificate):
    text = text_of(render(vietnamese_certificate))
    assert vietnamese_certificate.display_code in text
    assert str(vietnamese_certificate.issued_on.year) in text


def test_qr_code_opens_the_verify_page_on_site_url(vietnamese_certificate, settings):
    document = pypdfium2.PdfDocument(render(vietnamese_certificate))
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{settings.SITE_URL}/verify/{vietnamese_certificate.display_code}/"]


def test_pdf_metadata_has_title_author_and_language(vietnamese_certificate):
    reader = PdfReader(io.BytesIO(render(vietnamese_certificate)))
    assert "Nguyễn Thị Hương" in reader.metadata.title
    assert reader.metadata.author == vietnamese_certificate.organisation_name
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_chinese_pdf_language_is_a_bcp47_tag(chinese_certificate):
    reader = PdfReader(io.BytesIO(render(chinese_certificate)))
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hans"


def test_the_page_is_landscape(vietnamese_certificate):
    box = PdfReader(io.BytesIO(render(vietnamese_certificate))).pages[0].mediabox
    assert box.width > box.height


def test_organisation_and_signatory_come_from_the_site_setting():
    from wagtail.models import Site

    from certificates.models import CertificateSettings

    CertificateSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        organisation_name="City of Albuquerque",
        issuer="Office of Equity and Inclusion",
        primary_colour="#8a3b12",
        signatory_name="Dr. Amara Okafor",
        signatory_title="Chief Equity Officer",
    )
    certificate = issued_certificate(user=holder(name="Ana Ruiz", language="en"))
    text = text_of(render(certificate))
    assert "City of Albuquerque" in text
    assert "Dr. Amara Okafor" in text and "Chief Equity Officer" in text


def test_defaults_apply_when_no_setting_exists():
    assert branding_for() == Branding()


def test_a_revoked_certificate_is_stamped(vietnamese_certificate):
    vietnamese_certificate.status = Certificate.Status.REVOKED
    text = text_of(render(vietnamese_certificate)).upper()
    with translation.override("vi"):
        stamp = gettext("revoked")  # the stamp is in the holder's language, like the rest of the PDF
    assert stamp.upper() in text


def test_arabic_text_does_not_break_the_pdf():
    # Shaping and right-to-left order are the i18n issue's; the letters must at least be embedded.
    certificate = issued_certificate(user=holder(name="فاطمة الزهراء", language="ar"))
    reader = PdfReader(io.BytesIO(render(certificate)))
    assert all("/FontFile2" in d.get_object() for d in fonts_of(reader).values())


def test_transcript_lists_completions_with_certificates_and_embeds_fonts():
    user = holder(name="Nguyễn Thị Hương", language="vi")
    first = issued_certificate(user=user, course=CourseFactory(title="Implicit bias"))
    issued_certificate(user=user, course=CourseFactory(title="Language access", title_vi="Tiếp cận ngôn ngữ"))
    content = pdf.render_transcript(
        holder_name="Nguyễn Thị Hương",
        employee_number="E000123",
        department="Planning",
        rows=transcript_rows(user),
        branding=branding_for(),
        language="vi",
    )
    text = text_of(content)
    assert "Nguyễn Thị Hương" in text
    assert "Implicit bias" in text and "Tiếp cận ngôn ngữ" in text
    assert first.display_code in text
    reader = PdfReader(io.BytesIO(content))
    assert all("/FontFile2" in d.get_object() for d in fonts_of(reader).values())


def test_a_long_transcript_continues_on_more_pages():
    user = holder(name="Ana Ruiz", language="en")
    for index in range(45):
        issued_certificate(user=user, course=CourseFactory(title=f"Monthly training {index}"))
    content = pdf.render_transcript(
        holder_name="Ana Ruiz",
        employee_number="",
        department="",
        rows=transcript_rows(user),
        branding=branding_for(),
        language="en",
    )
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 1
    assert "Monthly training 44" in text_of(content)


def test_a_logo_whose_file_is_gone_is_left_out_and_logged(caplog):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image
    from wagtail.models import Site

    from certificates.models import CertificateSettings

    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 80), "#1f4e79").save(buffer, format="PNG")
    logo = Image.objects.create(title="City seal", file=ImageFile(io.BytesIO(buffer.getvalue()), name="gone.png"))
    logo.file.storage.delete(logo.file.name)
    CertificateSettings.objects.create(site=Site.objects.get(is_default_site=True), logo=logo)
    certificate = issued_certificate()
    with caplog.at_level("WARNING", logger="certificates.pdf"):
        reader = PdfReader(io.BytesIO(render(certificate)))
    assert "/XObject" not in reader.pages[0]["/Resources"] or not any(
        x.get_object()["/Subtype"] == "/Image" for x in reader.pages[0]["/Resources"]["/XObject"].values()
    )
    assert f"Certificate logo {logo.pk} could not be read" in caplog.text


def test_the_logo_from_the_site_setting_is_drawn():
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image
    from wagtail.models import Site

    from certificates.models import CertificateSettings

    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 80), "#1f4e79").save(buffer, format="PNG")
    logo = Image.objects.create(title="City seal", file=ImageFile(io.BytesIO(buffer.getvalue()), name="seal.png"))
    CertificateSettings.objects.create(site=Site.objects.get(is_default_site=True), logo=logo)
    certificate = issued_certificate()
    reader = PdfReader(io.BytesIO(render(certificate)))
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def test_fonts_are_found_in_the_directory_certificate_font_dir_names(settings, tmp_path):
    from certificates import fonts

    for name in fonts.FONT_FILES:
        source = fonts.font_path(name)
        (tmp_path / source.name).symlink_to(source)
    settings.CERTIFICATE_FONT_DIR = str(tmp_path)
    assert all(fonts.font_path(name).parent == tmp_path for name in fonts.FONT_FILES)


def test_missing_fonts_raise_a_clear_error(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from certificates import fonts

    settings.CERTIFICATE_FONT_DIR = str(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="fonts-dejavu-core"):
        fonts.font_path(fonts.REGULAR)


@pytest.mark.parametrize(("language", "mark"), [("vi", "tháng"), ("zh-hans", "年")])
def test_dates_are_formatted_for_the_holders_language(language, mark):
    from django.utils import formats, translation

    certificate = issued_certificate(user=holder(language=language))
    with translation.override(language):
        issued = formats.date_format(certificate.issued_on, "DATE_FORMAT")
    assert mark in issued
    # Digits and CJK characters are drawn in different fonts: extraction may break lines between them.
    assert "".join(issued.split()) in "".join(text_of(render(certificate)).split())


def test_text_drawn_and_metadata_are_nfc_even_from_decomposed_input(vietnamese_certificate):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    vietnamese_certificate.holder_name = decomposed
    content = render(vietnamese_certificate)
    reader = PdfReader(io.BytesIO(content))
    raw = reader.pages[0].extract_text()  # not normalised here: what the PDF draws
    assert "Nguyễn Thị Hương" in raw and decomposed not in raw
    assert "Nguyễn Thị Hương" in reader.metadata.title


def test_bootstrap_installs_the_debian_packages_holding_the_certificate_fonts():
    """fonts.py reads DejaVu and WenQuanYi Zen Hei from Debian's locations; scripts/bootstrap must
    install the packages that put them there."""
    from pathlib import Path

    from certificates import fonts

    bootstrap = (Path(__file__).resolve().parents[2] / "scripts" / "bootstrap").read_text()
    packages = {
        "/usr/share/fonts/truetype/dejavu": "fonts-dejavu-core",
        "/usr/share/fonts/truetype/wqy": "fonts-wqy-zenhei",
    }
    for _file, directory, _index in fonts.FONT_FILES.values():
        assert packages[directory] in bootstrap


def test_reportlab_writes_with_its_c_accelerators():
    """The benchmark's 15 ms per certificate counts on reportlab's C accelerators (package rl_accel);
    without them reportlab silently falls back to pure Python, about 40 % slower."""
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"
