"""Figures equal a hand computation; the threshold of 5 responses; who sees which figures; comments
without names."""

import pytest
from django.conf import settings
from django.urls import reverse

from courses.evaluations import figures, selectors
from courses.insights.models import InsightsAccess
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory, facilitator, training_admin
from tests.insights.factories import analyst
from tests.scheduling.factories import SeriesFactory, employee_user

from .factories import past_session, respond

pytestmark = pytest.mark.django_db

# Five responses to one session, by hand:
#   relevance     5 4 4 3 5 → mean 21/5 = 4.20, distribution 1:0 2:0 3:1 4:2 5:2
#   facilitation  5 5 4 4 2 → 20/5 = 4.00
#   recommend     4 4 5 3 4 → 20/5 = 4.00
#   skill 1 before 2 1 3 2 2 (10/5 = 2.00), now 4 3 4 4 5 (20/5 = 4.00) → shift +2.00
#   skill 2 before 3 3 3 2 4 (15/5 = 3.00), now 4 3 4 3 5 (19/5 = 3.80) → shift +0.80
#   skill 3 before 1 2 1 1 1 (6/5 = 1.20),  now 2 2 3 2 2 (11/5 = 2.20) → shift +1.00
FIXTURE = [
    {
        "relevance": 5,
        "facilitation": 5,
        "recommend": 4,
        "skill_1_before": 2,
        "skill_1_now": 4,
        "skill_2_before": 3,
        "skill_2_now": 4,
        "skill_3_before": 1,
        "skill_3_now": 2,
        "comment": "Kept us talking.",
    },
    {
        "relevance": 4,
        "facilitation": 5,
        "recommend": 4,
        "skill_1_before": 1,
        "skill_1_now": 3,
        "skill_2_before": 3,
        "skill_2_now": 3,
        "skill_3_before": 2,
        "skill_3_now": 2,
        "comment": "",
    },
    {
        "relevance": 4,
        "facilitation": 4,
        "recommend": 5,
        "skill_1_before": 3,
        "skill_1_now": 4,
        "skill_2_before": 3,
        "skill_2_now": 4,
        "skill_3_before": 1,
        "skill_3_now": 3,
        "comment": "More examples from permits, please.",
    },
    {
        "relevance": 3,
        "facilitation": 4,
        "recommend": 3,
        "skill_1_before": 2,
        "skill_1_now": 4,
        "skill_2_before": 2,
        "skill_2_now": 3,
        "skill_3_before": 1,
        "skill_3_now": 2,
        "comment": "",
    },
    {
        "relevance": 5,
        "facilitation": 2,
        "recommend": 4,
        "skill_1_before": 2,
        "skill_1_now": 5,
        "skill_2_before": 4,
        "skill_2_now": 5,
        "skill_3_before": 1,
        "skill_3_now": 2,
        "comment": "Too short.",
    },
]


def session_with(answers, **kwargs):
    session = past_session(**kwargs)
    people = [respond(session, **a) for a in answers]
    return session, people


def test_figures_equal_the_hand_computation():
    session, _people = session_with(FIXTURE)
    (group,) = selectors.facilitator_figures(session.facilitators.get())["sessions"]
    summary = group.summary
    assert summary.n == 5
    assert summary.means == pytest.approx({"relevance": 4.2, "facilitation": 4.0, "recommend": 4.0})
    assert summary.distributions["relevance"] == {1: 0, 2: 0, 3: 1, 4: 2, 5: 2}
    assert [tuple(round(x, 2) for x in s) for s in summary.skills] == [
        (2.0, 4.0, 2.0),
        (3.0, 3.8, 0.8),
        (1.2, 2.2, 1.0),
    ]
    assert sorted(summary.comments) == sorted(["Kept us talking.", "More examples from permits, please.", "Too short."])


def test_distribution_counts_follow_the_disclosure_k():
    # k = 10 by default: every count here is below it, so each shows as "fewer than 10".
    assert figures.protected_counts([0, 0, 1, 2, 2], 10) == [0, 0, None, None, None]
    # A lone small count is hidden with the smallest other one, so the total does not give it away.
    assert figures.protected_counts([0, 12, 3, 20, 15], 10) == [None, 12, None, 20, 15]
    assert figures.protected_counts([11, 12, 13, 20, 15], 10) == [11, 12, 13, 20, 15]


def test_a_facilitator_sees_figures_only_from_five_responses(client):
    session, _people = session_with(FIXTURE[:4])
    client.force_login(session.facilitators.get())
    page = client.get(reverse("evaluations:facilitator")).content.decode()
    assert "Fewer than 5 responses — figures appear at 5." in page
    assert "Kept us talking." not in page and "4.20" not in page
    respond(session, **FIXTURE[4])
    page = client.get(reverse("evaluations:facilitator")).content.decode()
    assert "4.20" in page and "Kept us talking." in page and "+2.00" in page


def test_a_facilitator_sees_only_their_own_sessions(client):
    mine, _ = session_with(FIXTURE)
    theirs, _ = session_with([{**a, "comment": "Someone else's session."} for a in FIXTURE])
    client.force_login(mine.facilitators.get())
    page = client.get(reverse("evaluations:facilitator")).content.decode()
    assert "Kept us talking." in page and "Someone else's session." not in page


def test_a_small_session_counts_in_no_series_figure():
    """Subtracting one session's figures from its series' must not reveal a session below 5."""
    lead = facilitator()
    series = SeriesFactory(facilitators=[lead])
    big, _ = session_with(FIXTURE, series=series, course=series.course, facilitators=[lead])
    small, _ = session_with(FIXTURE[:2], series=series, course=series.course, facilitators=[lead])
    data = selectors.facilitator_figures(lead)
    (series_group,) = data["series"]
    assert series_group.summary.n == 5
    organisation = selectors.organisation_figures()
    assert [g.summary.n for g in organisation["courses"]] == [5]
    assert [g.summary.n for g in organisation["facilitators"]] == [5]


def test_comments_are_never_shown_with_names(client):
    session, people = session_with(FIXTURE)
    for viewer, url in [
        (session.facilitators.get(), "evaluations:facilitator"),
        (analyst(), "evaluations:organisation"),
    ]:
        client.force_login(viewer)
        page = client.get(reverse(url)).content.decode()
        assert "Kept us talking." in page
        for person in people:
            assert person.get_full_name() not in page and person.username not in page and person.email not in page
    client.force_login(analyst())
    csv = client.get(reverse("evaluations:organisation_csv")).content.decode()
    assert "Kept us talking." in csv
    assert not any(person.get_full_name() in csv for person in people)


def test_analysts_see_every_course_series_and_facilitator_and_are_audited(client):
    session, _ = session_with(FIXTURE)
    viewer = analyst()
    client.force_login(viewer)
    page = client.get(reverse("evaluations:organisation")).content.decode()
    assert session.course.title in page and "4.20" in page
    lead = session.facilitators.get()
    assert (lead.get_full_name() or lead.username) in page
    csv = client.get(reverse("evaluations:organisation_csv"))
    assert csv["Content-Type"].startswith("text/csv") and "4.20" in csv.content.decode()
    formats = sorted(InsightsAccess.objects.filter(user=viewer, table="evaluations").values_list("format", flat=True))
    assert formats == ["csv", "page"]


def test_training_admins_see_the_analyst_page(client):
    client.force_login(training_admin())
    assert client.get(reverse("evaluations:organisation")).status_code == 200


@pytest.mark.parametrize("role", ["employee", "head", "editor", "facilitator"])
def test_other_roles_get_no_analyst_page(client, role):
    session_with(FIXTURE)
    if role == "employee":
        user = employee_user()
    elif role == "head":
        user = UserFactory()
        DepartmentFactory(heads=[user])
    elif role == "editor":
        user = UserFactory(groups=["Editors"])
    else:
        user = facilitator()
    client.force_login(user)
    for name in ("evaluations:organisation", "evaluations:organisation_csv"):
        response = client.get(reverse(name))
        assert response.status_code in (403, 404)
        assert "4.20" not in response.content.decode()


def test_employees_get_no_facilitator_page(client):
    client.force_login(EmployeeFactory().user)
    assert client.get(reverse("evaluations:facilitator")).status_code == 403


def test_the_facilitator_page_is_linked_from_the_facilitate_area(client):
    client.force_login(facilitator())
    assert reverse("evaluations:facilitator") in client.get(reverse("scheduling:facilitate")).content.decode()


def test_the_analyst_page_is_in_the_insights_nav(client):
    client.force_login(analyst())
    assert reverse("evaluations:organisation") in client.get(reverse("insights:overview")).content.decode()
    assert settings.EQUITY_ANALYSTS_GROUP


def test_the_analyst_page_runs_a_constant_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session_with(FIXTURE)
    client.force_login(analyst())
    client.get(reverse("evaluations:organisation"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("evaluations:organisation"))
    for _ in range(3):
        session_with(FIXTURE)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("evaluations:organisation")).content.decode()
    assert page.count("Kept us talking.") == 4
    assert len(many) == len(few)
