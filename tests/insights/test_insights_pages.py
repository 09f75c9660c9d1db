"""/insights/: who may see it, what they see, the CSV export as shown, the audit of use."""

import csv
import io
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from courses.curricula.models import Assignment
from courses.insights import releases, services, tables
from courses.insights.models import InsightsAccess, InsightsReleaseMember, InsightsSnapshot
from courses.insights.reports import gain_level, normalised_gain
from tests.factories import EmployeeFactory, UserFactory, facilitator, training_admin
from tests.insights.factories import analyst, answer, assign, city

pytestmark = pytest.mark.django_db
PAGES = ["/insights/", "/insights/curricula/", "/insights/knowledge-gain/"]
EXPORTS = ["/insights/curricula.csv", "/insights/knowledge-gain.csv"]


@pytest.fixture
def town():
    made = city()
    services.insights_snapshot_build()  # the task worker's job in production (test_insights_queued.py)
    return made


def _cells(html):
    """The text of every table row of a page, as lists of cells."""
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        rows.append(
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        )
    return rows


@pytest.mark.parametrize(
    "make_user", [lambda: EmployeeFactory().user, facilitator, lambda: UserFactory(groups=["Editors"])]
)
def test_employees_facilitators_and_editors_get_no_insights(client, town, make_user):
    client.force_login(make_user())
    for url in PAGES + EXPORTS:
        assert client.get(url).status_code == 403, url


def test_analysts_and_training_admins_see_the_organisation(client, town):
    for user in (analyst(), training_admin()):
        client.force_login(user)
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == 200
            assert "Whole organisation" in response.content.decode()


def test_a_head_sees_only_their_subtree(client, town):
    client.force_login(town["head"])
    html = client.get("/insights/curricula/").content.decode()

    assert "Water Lab" in html and "Parks" not in html and "Whole organisation" not in html
    assert client.get(f"/insights/curricula/?department={town['parks'].pk}").status_code == 404
    assert client.get("/insights/curricula/?department=all").status_code == 404
    assert client.get(f"/insights/curricula.csv?department={town['parks'].pk}").status_code == 404
    assert client.get("/insights/curricula/?department=nonsense").status_code == 404


def test_small_counts_show_as_fewer_than_k_and_large_ones_as_counted(client, town):
    client.force_login(analyst())
    rows = _cells(client.get("/insights/curricula/").content.decode())
    by_group = {row[0]: row[1:] for row in rows}

    # Whole organisation: 20 Hispanic or Latino (12 certified on time, none overdue), 24 White (12
    # overdue in Water, 12 not started in Parks), 4 Asian (fewer than 10), 47 who answered.
    assert by_group["Hispanic or Latino"][:4] == ["20", "12", "12", "fewer than 10"]
    assert by_group["Hispanic or Latino"][4] == "60%"
    assert by_group["White"][0] == "24"
    assert by_group["Asian"][0] == "fewer than 10"
    assert by_group["Everyone who answered"][0] == "47"
    assert all(cell != "0" and not (cell.isdigit() and int(cell) < 10) for row in rows for cell in row[1:5])


def test_the_csv_export_is_the_table_as_shown(client, town):
    client.force_login(analyst())
    shown = _cells(client.get("/insights/curricula/").content.decode())
    exported = list(csv.reader(io.StringIO(client.get("/insights/curricula.csv").content.decode("utf-8-sig"))))

    exported_rows = [row for row in exported if len(row) > 1]
    assert exported_rows == shown
    assert any("fewer than 10" in row for row in exported_rows)


def test_every_view_and_export_is_audited(client, town):
    user = analyst(username="ana.lyst")
    client.force_login(user)
    client.get("/insights/curricula/")
    client.get(f"/insights/curricula.csv?department={town['water'].pk}")

    entries = list(InsightsAccess.objects.order_by("pk").values_list("username", "table", "scope", "format"))
    assert entries == [
        ("ana.lyst", "race_ethnicity:curricula", "organisation", "page"),
        ("ana.lyst", "race_ethnicity:curricula", f"department {town['water'].pk}", "csv"),
    ]
    assert "ana.lyst" in client.get("/insights/audit/").content.decode()


def test_a_scope_with_fewer_than_k_answers_shows_nothing_broken_down(client, town):
    client.force_login(analyst())
    html = client.get(f"/insights/curricula/?department={town['lab'].pk}").content.decode()

    assert "nothing is broken down by group" in html
    assert "<table" not in html
    assert client.get(f"/insights/curricula.csv?department={town['lab'].pk}").status_code == 404


@override_settings(INSIGHTS_MAX_HIDDEN_CELLS=0)
def test_in_an_organisation_too_big_for_the_programs_small_departments_lose_their_rows(client, town):
    """Past INSIGHTS_MAX_HIDDEN_CELLS counts below k, departments with the fewest answers lose their rows
    of group figures (here every department: City has 47 people who answered, Water 35, Parks 12); the
    page says how many answers a row needs, and the organisation's row stays."""
    services.insights_snapshot_build()
    client.force_login(analyst())

    assert InsightsSnapshot.objects.first().data["rows_from"] == 48
    html = client.get(f"/insights/curricula/?department={town['water'].pk}").content.decode()
    assert "Fewer than 48 people in Water have answered" in html
    assert "<table" not in html
    whole = client.get("/insights/curricula/").content.decode()
    assert "nothing is broken down by group" not in whole and "<table" in whole


@override_settings(AGGREGATE_MIN_CELL=2)
def test_k_never_goes_below_five(client, town):
    services.insights_snapshot_build()  # the snapshot made under k=10 is not current any more
    client.force_login(analyst())
    html = client.get("/insights/curricula/?k=1&min_cell=1").content.decode()

    assert InsightsSnapshot.objects.first().k == 5
    assert "fewer than 5" in html
    assert "fewer than 1<" not in html and "fewer than 2<" not in html


def test_knowledge_gain_equals_a_hand_computation(client, town):
    # Water's 12 Hispanic employees scored 40..51 before and 70..81 after.
    pre = sum(range(40, 52)) / 12
    post = sum(range(70, 82)) / 12
    g = (post - pre) / (100 - pre)
    assert (pre, post) == (45.5, 75.5)
    assert normalised_gain(pre, post) == pytest.approx(g)
    assert gain_level(g) == "medium" and gain_level(0.29) == "low" and gain_level(0.71) == "high"

    client.force_login(analyst())
    rows = _cells(client.get("/insights/knowledge-gain/").content.decode())
    expected = ["12", "45.5", "75.5", f"{g:.2f}", "medium"]
    assert ["Whole organisation", *expected] in rows
    assert ["Hispanic or Latino", *expected] in rows


def test_the_audit_knows_the_sum_of_scores_behind_every_mean_shown(monkeypatch):
    """A mean shown beside its count gives the sum of the scores: the disclosure programs get those sums."""
    city()
    models = []
    publish = tables.publish
    monkeypatch.setattr(tables, "publish", lambda model, k: models.append(model) or publish(model, k))
    services.insights_snapshot_build()

    (model,) = models
    data = InsightsSnapshot.objects.get().data
    assert data["means"], "the fixture shows means"
    sums = {}
    for follower, count in model.follows.items():
        sums.setdefault("|".join(map(str, count)), {})[follower[3]] = model.values[follower]
    for key, (pre, post) in data["means"].items():
        n = data["cells"][key]
        assert (sums[key][0], sums[key][1]) == (pytest.approx(pre * n, abs=0.01), pytest.approx(post * n, abs=0.01))


def test_a_row_whose_own_answered_count_is_hidden_is_still_broken_down(client, town):
    """A department has a row of group figures only when enough people answered in it; its "answered" may
    still be hidden beside another hidden count. That does not mean fewer answered: the page breaks it down
    (the hidden count reads as hidden), and says "fewer than" only for a department without a row."""
    snapshot = InsightsSnapshot.objects.get()
    water = town["water"].pk
    snapshot.data["cells"][f"people|{water}|answered"] = None
    snapshot.save()
    client.force_login(analyst())

    html = client.get(f"/insights/curricula/?department={water}").content.decode()
    assert "have answered the self-identification questions" not in html
    assert "Hispanic or Latino" in html
    lab = town["lab"].pk
    assert f"people|{lab}|answered" not in snapshot.data["cells"], "the Lab is too small for a row"
    html = client.get(f"/insights/curricula/?department={lab}").content.decode()
    assert "Fewer than 10 people in Water Lab have answered" in html
    del snapshot.data["organisation_broken_down"]  # a snapshot from before: hidden means too few
    snapshot.save()
    html = client.get(f"/insights/curricula/?department={water}").content.decode()
    assert "Fewer than 10 people in Water have answered" in html


def test_the_organisation_is_broken_down_when_enough_answered_in_it(client, town):
    snapshot = InsightsSnapshot.objects.get()
    assert snapshot.data["organisation_broken_down"] is True
    snapshot.data["cells"]["people|all|answered"] = None
    snapshot.save()
    client.force_login(analyst())
    assert "have answered the self-identification" not in client.get("/insights/curricula/").content.decode()
    snapshot.data["organisation_broken_down"] = False
    snapshot.save()
    html = client.get("/insights/curricula/").content.decode()
    assert "Fewer than 10 people in Whole organisation have answered" in html


def test_withdrawal_takes_the_person_out_of_the_next_figures(client, town):
    """Alone, a withdrawal would stand out when two releases are compared: the next release counts the
    person nowhere, and withholds the rows they were in (Water, the city, the organisation) until enough
    else has changed there; Parks, where nothing changed, is published as before."""
    person = town["white"][5].user
    services.self_identification_withdraw(user=person)
    assert InsightsReleaseMember.objects.get(user=person).groups == ["withdrawn"]  # nothing of the answers
    services.insights_snapshot_build()

    latest = InsightsSnapshot.objects.first()
    assert "people|all|answered" not in latest.data["cells"]
    assert f"people|{town['water'].pk}|white" not in latest.data["cells"]
    assert latest.data["cells"][f"people|{town['parks'].pk}|white"] == 12
    assert set(latest.data["withheld"]) == {"all", str(town["root"].pk), str(town["water"].pk)}
    client.force_login(analyst())
    html = client.get("/insights/curricula/").content.decode()
    assert "held back from this release" in html and "<table" not in html
    assert client.get("/insights/curricula.csv").status_code == 404  # no export of what is held back
    html = client.get("/insights/").content.decode()
    assert "Whole organisation: held back from this release." in html and "people answered" not in html
    client.force_login(town["head"])
    assert "held back from this release" in client.get("/insights/participation/").content.decode()
    client.force_login(town["parks_head"])
    html = client.get("/insights/representation/").content.decode()
    assert "held back from this release" not in html and "<table" in html

    # Ten people join Water, answer and are overdue as the person was: the withdrawal goes out with them
    # (it changed who answered and who is assigned and overdue, in each group), and the figures count
    # exactly.
    for _ in range(10):
        user = EmployeeFactory(department=town["water"]).user
        answer(user, "mexican")
        assign(user, town["curriculum"], Assignment.State.OVERDUE)
    services.insights_snapshot_build()
    latest = InsightsSnapshot.objects.first()
    assert latest.data["withheld"] == []
    assert latest.data["cells"]["people|all|answered"] == 47 - 1 + 10
    assert latest.data["cells"]["people|all|white"] == 23


def test_one_persons_change_waits_until_enough_others_change_with_it(client, town):
    """A head who sees who was certified must not read their group off two days' figures."""
    layer = f"c{town['curriculum'].pk}:certified"
    assignments = [
        Assignment.objects.get(user=employee.user, curriculum=town["curriculum"])
        for employee in town["parks_people"][:12]  # the twelve who answered
    ]

    def certify(assignment):
        assignment.state = Assignment.State.COMPLETE
        assignment.completed_at = timezone.now()
        assignment.save()

    certify(assignments[0])
    services.insights_snapshot_build()
    latest = InsightsSnapshot.objects.first()
    assert latest.deferred == 1
    member = InsightsReleaseMember.objects.get(user=assignments[0].user)
    assert layer not in member.layers  # counted as before, and compared again tomorrow

    for assignment in assignments[1:]:
        certify(assignment)
    services.insights_snapshot_build()
    latest = InsightsSnapshot.objects.first()
    assert latest.deferred == 0
    published = InsightsReleaseMember.objects.filter(user__in=[a.user for a in assignments])
    assert all(layer in member.layers for member in published) and published.count() == 12  # all together


def test_pages_read_a_constant_number_of_queries(client, town, django_assert_max_num_queries):
    client.force_login(analyst())
    client.get("/insights/curricula/")
    with django_assert_max_num_queries(12):
        client.get("/insights/curricula/")
    for _ in range(15):
        EmployeeFactory(department=town["water"])
    with django_assert_max_num_queries(12):
        client.get("/insights/curricula/")


def test_a_deleted_account_leaves_no_copy_of_its_groups(town):
    user = town["white"][0].user
    assert InsightsReleaseMember.objects.get(user=user).groups == ["asian", "white"]
    pk = InsightsReleaseMember.objects.get(user=user).pk
    user.delete()
    assert InsightsReleaseMember.objects.get(pk=pk).groups == ["withdrawn"]


def test_a_withdrawal_that_raced_a_release_is_still_a_withdrawal(town, monkeypatch):
    """Withdrawn after the release read the answers and the last records, before it wrote its own: the
    records must not keep the answers, and the next release must treat it as a withdrawal (not as a
    change that may wait, counted as before meanwhile)."""
    person = town["white"][5].user
    control = releases.control

    def withdraw_meanwhile(**kwargs):
        services.self_identification_withdraw(user=person)
        return control(**kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(releases, "control", withdraw_meanwhile)
        services.insights_snapshot_build()
    assert InsightsReleaseMember.objects.get(user=person).groups == ["withdrawn"]
    services.insights_snapshot_build()
    latest = InsightsSnapshot.objects.first()
    assert "people|all|answered" not in latest.data["cells"]  # held back, not counted as before
