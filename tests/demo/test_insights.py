import io
from collections import Counter

import pytest

from courses.insights.models import IdentityAnswer, InsightsSnapshot, SelfIdentification
from courses.people import roles
from courses.people.models import Employee
from lms.demo import insights as insights_demo
from lms.demo import people as people_demo
from lms.demo.management.commands.seed_demo import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_self_identification_is_voluntary_plausible_idempotent_and_protected(django_capture_on_commit_callbacks):
    demo = DemoContext(password="commonground", employees=200, stdout=io.StringIO(), style=None)
    people_demo.seed(demo)
    with django_capture_on_commit_callbacks(execute=True):  # the queued snapshot runs on commit
        insights_demo.seed(demo)

    share = SelfIdentification.objects.count() / Employee.objects.count()
    assert 0.6 <= share <= 0.8
    groups = Counter(IdentityAnswer.objects.exclude(choice__in=["another"]).values_list("group", flat=True))
    assert groups.most_common(2)[0][0] == "hispanic" and groups["white"] > groups["aian"] > 0
    assert roles.is_equity_analyst(demo.users["analyst"])

    before = SelfIdentification.objects.count()
    insights_demo.seed(demo)
    assert SelfIdentification.objects.count() == before

    cells = InsightsSnapshot.objects.first().data["cells"]
    assert cells["people|all|hispanic"] is not None and cells["people|all|answered"] is not None
    # Big departments show figures, small ones none: a department where fewer than k answered has no row
    # of group figures at all (its pages say "fewer than k"), and small groups are hidden in the rest.
    departments = set(Employee.objects.values_list("department_id", flat=True))
    rows = {department for department in departments if f"people|{department}|answered" in cells}
    assert rows and departments - rows
    assert any(cells[f"people|{department}|answered"] is not None for department in rows)
    assert any(value is None for key, value in cells.items() if key.startswith("people|"))
