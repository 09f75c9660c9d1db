"""`manage.py insights_benchmark` keeps working at a small size: it builds the snapshot, audits every
suppressed cell in the attacker's programs (none narrowed below k/2) and times the page."""

import io
import re

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_the_insights_benchmark_prints_the_snapshot_the_audit_and_the_page():
    out = io.StringIO()
    call_command("insights_benchmark", employees=400, answered=280, departments=8, runs=1, stdout=out)
    text = out.getvalue()

    assert "400 employees, 280 answered, 8 departments" in text
    audit = re.search(r"disclosure audit: (\d+) of (\d+) cells suppressed, (\d+) narrowed below k/2", text)
    assert audit, text
    assert int(audit.group(1)) > 0 and int(audit.group(3)) == 0
    assert re.search(r"/insights/curricula/ p50 \d+ ms .*, \d+ queries", text), text
