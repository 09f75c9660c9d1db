import io

from django.core.management import call_command

from certificates.models import Certificate


def test_benchmark_command_prints_median_time_and_size_and_writes_nothing(db):
    out = io.StringIO()
    call_command("certificate_benchmark", count=3, stdout=out)
    output = out.getvalue()
    assert "3 certificates" in output
    assert "median time per PDF" in output and "median size per PDF" in output
    assert not Certificate.objects.exists()
