import io
from collections import Counter

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

import lms.demo.courses
import lms.demo.evaluations
import lms.demo.people
from courses.evaluations import figures, selectors
from courses.evaluations.models import EvaluationReceipt, EvaluationResponse
from lms.demo.management.commands.seed_demo import DemoContext

pytestmark = pytest.mark.django_db


def test_the_demo_has_evaluations_above_and_below_the_threshold_and_seeding_twice_adds_nothing():
    demo = DemoContext(password="commonground", employees=60, stdout=OutputWrapper(io.StringIO()), style=no_style())
    lms.demo.people.seed(demo)
    lms.demo.courses.seed(demo)
    lms.demo.evaluations.seed(demo)
    per_session = Counter(EvaluationResponse.objects.filter(session__isnull=False).values_list("session_id", flat=True))
    assert any(n >= figures.MIN_RESPONSES for n in per_session.values())
    assert any(n < figures.MIN_RESPONSES for n in per_session.values())
    assert EvaluationResponse.objects.count() == EvaluationReceipt.objects.count()

    facilitator = demo.users["facilitator"]
    data = selectors.facilitator_figures(facilitator)
    assert any(g.summary is not None for g in data["sessions"]) and any(g.summary is None for g in data["sessions"])
    assert data["series"] and data["series"][0].summary is not None
    # The demo employee attended a session and has an invitation waiting on /learn/.
    assert any(p.kind == "session" for p in selectors.pending_for(demo.users["employee"]))

    before = (EvaluationResponse.objects.count(), EvaluationReceipt.objects.count())
    lms.demo.evaluations.seed(demo)
    assert (EvaluationResponse.objects.count(), EvaluationReceipt.objects.count()) == before
