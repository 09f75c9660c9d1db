import io

import pytest
from django.core.management import call_command

from courses.scheduling.models import Registration, Session


@pytest.mark.django_db(transaction=True)
def test_benchmark_prints_booked_waitlisted_errors_and_feed_time_and_cleans_up():
    out = io.StringIO()
    call_command("sessions_benchmark", people=12, seats=4, threads=4, feed_registrations=5, feed_runs=2, stdout=out)
    output = out.getvalue()
    assert "booked=4 waitlisted=8 errors=0" in output
    assert "personal feed with 5 registrations" in output
    assert not Session.objects.exists()
    assert not Registration.objects.exists()
