"""The trends page: the monthly history of compliance and participation as an accessible SVG line chart
(title, description, a dash pattern and a marker shape per line as well as a colour) followed by its
data table, which is also the CSV export. Counts of everyone, no groups: nothing to suppress."""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .reports import Row, Table

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 44
STYLES = [  # (colour, dash pattern, marker) — each line differs in all three
    ("#0b5394", "", "circle"),
    ("#a61c00", "8 4", "square"),
    ("#38761d", "2 4", "triangle"),
    ("#674ea7", "12 4 2 4", "diamond"),
]


@dataclass
class Point:
    x: float
    y: float
    text: str


@dataclass
class Series:
    label: str
    colour: str
    dash: str
    marker: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass
class Chart:
    title: str
    description: str
    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


def _share(part, whole):
    if not whole or part is None:
        return None
    return 100 * part / whole


MEASURES = [  # (label, numerator, denominator)
    (lambda: _("Certified, share of assigned"), "certified", "assigned"),
    (lambda: _("Overdue, share of assigned"), "overdue", "assigned"),
    (lambda: _("Completed a course in the last 12 months, share of employees"), "completed", "people"),
    (lambda: _("Attended a session in the last 12 months, share of employees"), "attended", "people"),
]


def build(months, row, scope_name: str) -> tuple[Chart | None, Table]:
    """The chart (None with fewer than two months) and the table of `row` over `months`."""
    key = str(row)
    header = [
        _("Month"),
        _("Employees"),
        _("Assigned"),
        _("Certified"),
        _("Overdue"),
        _("Completed a course"),
        _("Attended a session"),
        _("Took part in a reading circle"),
        _("Certified (share of assigned)"),
    ]
    rows = []
    for month in months:
        counts = month.data.get(key, {})
        cells = [
            number_format(counts.get(measure, 0))
            for measure in ("people", "assigned", "certified", "overdue", "completed", "attended", "circle")
        ]
        share = _share(counts.get("certified", 0), counts.get("assigned", 0))
        cells.append("—" if share is None else f"{round(share)}%")
        label = date_format(month.month, "YEAR_MONTH_FORMAT")
        if month.source == month.Source.RECONSTRUCTED:
            label = _("%(month)s (reconstructed)") % {"month": label}
        rows.append(Row(label=str(label), cells=cells, suppressed=[False] * len(cells)))
    table = Table(
        slug="trends",
        caption=_("Monthly history — %(scope)s") % {"scope": scope_name},
        header=[str(h) for h in header],
        rows=rows,
    )
    if len(months) < 2:
        return None, table
    span_x = WIDTH - RIGHT - LEFT
    span_y = HEIGHT - BOTTOM - TOP

    def x_of(index):
        return LEFT + span_x * index / (len(months) - 1)

    def y_of(percent):
        return TOP + span_y * (1 - percent / 100)

    series = []
    for (label, numerator, denominator), (colour, dash, marker) in zip(MEASURES, STYLES, strict=True):
        line = Series(label=str(label()), colour=colour, dash=dash, marker=marker)
        for index, month in enumerate(months):
            counts = month.data.get(key, {})
            share = _share(counts.get(numerator, 0), counts.get(denominator, 0))
            if share is not None:
                line.points.append(Point(x_of(index), y_of(share), f"{round(share)}%"))
        series.append(line)
    step = max(1, round(len(months) / 4))
    x_labels = [
        (x_of(index), date_format(month.month, "YEAR_MONTH_FORMAT"))
        for index, month in enumerate(months)
        if index % step == 0 or index == len(months) - 1
    ]
    if len(x_labels) > 1 and x_labels[-1][0] - x_labels[-2][0] < span_x / 5:
        del x_labels[-2]  # keep the last month's label, drop the one it would overlap
    y_ticks = [(y_of(value), f"{value}%") for value in (0, 25, 50, 75, 100)]
    first = date_format(months[0].month, "YEAR_MONTH_FORMAT")
    last = date_format(months[-1].month, "YEAR_MONTH_FORMAT")
    chart = Chart(
        title=str(_("Compliance and participation, %(first)s to %(last)s") % {"first": first, "last": last}),
        description=str(
            _(
                "Line chart of four shares in percent, one point per month, for %(scope)s. "
                "The table after the chart gives every figure."
            )
            % {"scope": scope_name}
        ),
        series=series,
        x_labels=x_labels,
        y_ticks=y_ticks,
    )
    return chart, table
