"""/insights/participation/, /insights/representation/ and /insights/trends/: counts by hand on the
small city of tests/insights/factories.py, suppression, scope, the CSV as shown, the audit."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from courses.catalogue.models import CourseCompletion
from courses.insights import history, services
from courses.insights.models import InsightsAccess, InsightsMonth
from tests.factories import CourseFactory, EmployeeFactory, training_admin
from tests.insights.factories import analyst, answer, city

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    town = city()
    course = CourseFactory(title="Dialogue basics", slug="dialogue-basics")
    now = timezone.now()
    for person in town["hispanic"][:15]:  # 15 of the 20 completed a course this year
        CourseCompletion.objects.create(user=person.user, course=course, completed_at=now - datetime.timedelta(days=30))
    for person in town["white"][:11]:  # 11 of the 12 did so two years ago only: not counted
        CourseCompletion.objects.create(
            user=person.user, course=course, completed_at=now - datetime.timedelta(days=400)
        )
    town["course2"] = course
    return town


def _rows(html):
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_participation_counts_people_of_the_last_twelve_months_by_group(client, town):
    services.insights_snapshot_build()
    client.force_login(analyst())
    rows = _rows(client.get("/insights/participation/").content.decode())

    # Hispanic or Latino: 20 answered, 15 completed a course (75%); nobody attended a session: 0 is
    # below k and shown as such. White: the completions of two years ago do not count.
    assert rows["Hispanic or Latino"][:3] == ["20", "15", "75%"]
    assert rows["Hispanic or Latino"][3] == "fewer than 10"
    assert rows["White"][0] == "24" and rows["White"][1] == "fewer than 10"
    assert rows["Everyone who answered"][:2] == ["47", "15"]


def test_representation_sets_heads_beside_employees(client, town):
    heads = []
    for department in ("water", "lab", "parks"):
        for _i in range(4):
            person = EmployeeFactory(department=town[department])
            town[department].heads.add(person.user)
            answer(person.user, "mexican")
            heads.append(person)
    services.insights_snapshot_build()
    client.force_login(analyst())
    rows = _rows(client.get("/insights/representation/").content.decode())

    # 12 heads, all Hispanic or Latino, among 59 who answered (32 of them Hispanic or Latino).
    assert rows["Hispanic or Latino"] == ["12", "100%", "32", "54%"]
    assert rows["Everyone who answered"][0] == "12" and rows["Everyone who answered"][2] == "59"
    assert rows["White"][0] == "fewer than 10"


def test_participation_and_representation_are_withheld_when_too_few_answered(client, town):
    services.insights_snapshot_build()
    client.force_login(town["head"])
    html = client.get(f"/insights/participation/?department={town['lab'].pk}").content.decode()
    assert "Fewer than 10 people in Water Lab have answered" in html
    assert "<table" not in html
    assert client.get(f"/insights/participation.csv?department={town['lab'].pk}").status_code == 404


def test_the_nightly_snapshot_records_the_month_of_everyone(client, town):
    services.insights_snapshot_build()
    month = InsightsMonth.objects.get()
    assert month.source == InsightsMonth.Source.NIGHTLY
    assert month.month == timezone.localdate().replace(day=1)
    everyone = month.data["all"]
    # 52 employees, all assigned; 12 certified; 12 White in Water and 3 in the Lab overdue.
    assert (everyone["people"], everyone["assigned"], everyone["certified"], everyone["overdue"]) == (52, 52, 12, 15)
    assert everyone["completed"] == 15
    assert month.data[str(town["parks"].pk)] == {"people": 17, "assigned": 17}

    services.insights_snapshot_build()  # a second night of the same month replaces the first
    assert InsightsMonth.objects.count() == 1


def test_reconstruction_fills_the_months_before_the_first_night_from_dates(town):
    services.insights_snapshot_build()
    written = services.insights_history_reconstruct(months=24)

    assert written == 23  # the current month is the nightly one, kept as it is
    months = history.months_for()
    assert len(months) == 24 and months[-1].source == InsightsMonth.Source.NIGHTLY
    old = months[0].data["all"]
    assert old.get("assigned", 0) == 0  # assigned 60 days ago: not yet, two years ago
    assert old["people"] == 52
    last_month = months[-2].data["all"]
    assert last_month["assigned"] == 52
    assert services.insights_history_reconstruct(months=24) == 0  # nothing left to fill


def test_trends_draw_an_accessible_chart_followed_by_its_table(client, town):
    services.insights_snapshot_build()
    services.insights_history_reconstruct(months=24)
    client.force_login(training_admin())
    html = client.get("/insights/trends/").content.decode()

    assert re.search(r'<svg viewBox="[^"]+" role="img" aria-labelledby="chart-title chart-desc"', html)
    assert '<title id="chart-title">Compliance and participation' in html
    assert html.count('class="series"') == 4 and len(set(re.findall(r'stroke-dasharray="([^"]+)"', html))) == 4
    assert html.index("<svg viewBox") < html.index("<table")
    rows = _rows(html)
    current = next(label for label in rows if "(reconstructed)" not in label and label != "Month")
    assert rows[current][:4] == ["52", "52", "12", "15"]

    exported = list(csv.reader(io.StringIO(client.get("/insights/trends.csv").content.decode("utf-8-sig"))))
    assert exported[2][0] == next(iter(label for label in rows if label != "Month"))
    assert len([row for row in exported if row]) == 1 + 1 + 24


def test_trends_keep_to_the_heads_subtree_and_are_audited(client, town):
    services.insights_snapshot_build()
    client.force_login(town["head"])
    html = client.get("/insights/trends/").content.decode()
    assert "Water" in html and "Whole organisation" not in html
    assert client.get(f"/insights/trends/?department={town['parks'].pk}").status_code == 404
    assert client.get("/insights/trends.csv?department=all").status_code == 404
    client.get("/insights/trends.csv")
    assert list(InsightsAccess.objects.filter(table="trends").order_by("pk").values_list("format", "scope")) == [
        ("page", f"department {town['water'].pk}"),
        ("csv", f"department {town['water'].pk}"),
    ]


def test_trends_with_no_history_say_so(client, town):
    client.force_login(analyst())
    html = client.get("/insights/trends/").content.decode()
    assert "No monthly figures yet" in html and "<svg viewBox" not in html
