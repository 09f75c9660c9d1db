"""Benchmark certificate PDFs: renders N certificates and prints the median time and size per PDF.

Targets (issue 6): at most 15 ms and 60 KB per certificate. Nothing is written to the database."""

import datetime
import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.utils import timezone

from certificates import codes, fonts, pdf
from certificates.models import Certificate
from certificates.selectors import Branding

HOLDERS = [
    ("Nguyễn Thị Hương", "vi", "Phân biệt chủng tộc mang tính cấu trúc trong dịch vụ thành phố"),
    ("王小明", "zh-hans", "反种族主义基础：城市服务中的公平"),
    ("María José Hernández Ñúñez", "es", "Equidad racial en el gobierno municipal"),
    ("Darnell Washington-Begay", "en", "Advancing Racial Equity in City Government"),
    ("Trần Văn Đức 陈文德", "vi", "Tiếp cận ngôn ngữ: phục vụ cư dân bằng ngôn ngữ của họ"),
]
TARGET_MS = 15
TARGET_KB = 60


class Command(BaseCommand):
    help = "Render N certificate PDFs (default 200) and print the median time and size per PDF."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200)

    def handle(self, *args, count, **options):
        started = time.perf_counter()
        fonts.fonts()  # once per process, as in the web server and the task worker
        self.stdout.write(f"fonts registered in {(time.perf_counter() - started) * 1000:.1f} ms (once per process)")
        branding = Branding(signatory_name="Dr. Amara Okafor", signatory_title="Chief Equity Officer")
        now = timezone.now()
        times, sizes = [], []
        for index in range(count):
            name, language, title = HOLDERS[index % len(HOLDERS)]
            certificate = Certificate(
                code=codes.generate(),
                holder_name=name,
                title=title,
                language=language,
                hours=Decimal("1.50"),
                organisation_name=branding.organisation_name,
                issuer=branding.issuer,
                signatory_name=branding.signatory_name,
                signatory_title=branding.signatory_title,
                completed_at=now,
                issued_on=now.date(),
                expires_on=now.date() + datetime.timedelta(days=365) if index % 2 else None,
            )
            start = time.perf_counter()
            content = pdf.render_certificate(certificate, branding=branding)
            times.append((time.perf_counter() - start) * 1000)
            sizes.append(len(content))
        median_ms = statistics.median(times)
        median_kb = statistics.median(sizes) / 1024
        self.stdout.write(f"{count} certificates")
        self.stdout.write(
            f"median time per PDF: {median_ms:.1f} ms (target ≤ {TARGET_MS} ms) "
            f"{'OK' if median_ms <= TARGET_MS else 'OVER'}"
        )
        self.stdout.write(
            f"median size per PDF: {median_kb:.1f} KB (target ≤ {TARGET_KB} KB) "
            f"{'OK' if median_kb <= TARGET_KB else 'OVER'}"
        )
        self.stdout.write(f"slowest: {max(times):.1f} ms, largest: {max(sizes) / 1024:.1f} KB")
