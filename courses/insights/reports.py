"""Tables as a viewer sees them: cut from the organisation's protected snapshot to the viewer's scope,
with every cell already a display string, so that the page and its CSV export say exactly the same."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from courses.people import roles
from courses.people.models import Department

from . import standards, tables
from .figures import (
    CURRICULUM_MEASURES,
    HEADS,
    PARTICIPATION_MEASURES,
    curriculum_layer,
    gain_layer,
    participation_layer,
)


@dataclass
class Row:
    label: str
    cells: list[str]
    depth: int = 0
    suppressed: list[bool] = field(default_factory=list)

    @property
    def shown(self) -> list[tuple[str, bool]]:
        """(cell, whether it stands for a suppressed count): the page marks those cells."""
        return [
            (cell, index < len(self.suppressed) and self.suppressed[index]) for index, cell in enumerate(self.cells)
        ]


@dataclass
class Table:
    slug: str  # what the audit records
    caption: str
    header: list[str]
    rows: list[Row]

    def csv_rows(self) -> list[list[str]]:
        return [self.header, *([row.label, *row.cells] for row in self.rows)]


@dataclass
class Scope:
    """The rows a viewer may see: ALL (the organisation) for analysts and training admins, else the
    departments of the subtrees they head. `tops` are the rows that sum up what they see."""

    rows: list[tuple[object, str, int]]  # (row id, name, depth)
    tops: list[object]

    def has(self, row) -> bool:
        return any(row == row_id for row_id, _name, _depth in self.rows)

    def name_of(self, row) -> str:
        return next(name for row_id, name, _depth in self.rows if row_id == row)


def scope_for(viewer) -> Scope:
    departments = list(Department.objects.order_by("path").values_list("id", "name", "path", "depth"))
    if roles.sees_whole_organisation_insights(viewer):
        rows = [(tables.ALL, str(_("Whole organisation")), 0)]
        rows += [(pk, name, depth) for pk, name, _path, depth in departments]
        return Scope(rows=rows, tops=[tables.ALL])
    headed = sorted(roles.headed_departments(viewer).values_list("path", flat=True))
    top_paths = [path for path in headed if not any(path != other and path.startswith(other) for other in headed)]
    visible = [(pk, name, path, depth) for pk, name, path, depth in departments if path.startswith(tuple(top_paths))]
    top_depth = min((depth for *_rest, depth in visible), default=1)
    return Scope(
        rows=[(pk, name, depth - top_depth) for pk, name, _path, depth in visible],
        tops=[pk for pk, _name, path, _depth in visible if path in top_paths],
    )


class Figures:
    """One snapshot's figures, read for one viewer."""

    def __init__(self, snapshot, question: standards.Question, scope: Scope):
        self.snapshot = snapshot
        self.question = question
        self.scope = scope
        self.k = snapshot.k
        self.data = snapshot.data
        self.cells = self.data["cells"]
        # Departments with fewer people who answered have no row of group figures (k, but for a big
        # organisation; see tables.rows_from).
        self.rows_from = self.data.get("rows_from", self.k)

    def withheld(self, row, *, column=None) -> bool:
        """Whether the row's figures (its group figures, or its "everyone" column) are withheld from this
        release because comparing it with the last would tell too much of a few people (releases.py)."""
        key = "withheld_everyone" if column == tables.EVERYONE else "withheld"
        return str(row) in self.data.get(key, ())

    def value(self, layer, row, column):
        return self.cells.get(f"{layer}|{row}|{column}")

    def show(self, value) -> str:
        if value is None:
            return _("fewer than %(k)s") % {"k": self.k}
        return str(value)

    def answered(self, row):
        return self.value(tables.PEOPLE, row, standards.ANSWERED)

    def broken_down(self, row) -> bool:
        """Whether the row's scope has at least k people who answered (and a row of group figures): else
        nothing is broken down. A department has a row of group figures exactly when enough answered in
        it, so a row whose own "answered" is hidden (beside another hidden count) is still broken down;
        the organisation's snapshot says whether at least k answered in it (`tables.say_enough_answered`)."""
        if self.withheld(row):
            return False
        answered = self.answered(row)
        if answered is not None:
            return answered >= self.k
        if "organisation_broken_down" not in self.data:
            return False  # a snapshot from before rows were kept only for enough answers
        if row == tables.ALL:
            return self.data["organisation_broken_down"]
        return f"{tables.PEOPLE}|{row}|{standards.ANSWERED}" in self.cells

    def group_rows(self) -> list[tuple[str, str]]:
        return [
            *self.question.groups(),
            (standards.TWO_OR_MORE, _("Two or more groups")),
            (standards.ANSWERED, _("Everyone who answered")),
        ]

    def percent(self, part, whole) -> str:
        if part is None or whole is None or whole == 0:
            return "—"
        return f"{round(100 * part / whole)}%"

    # Mandatory curricula ---------------------------------------------------------------------------

    def curricula_tables(self, row) -> list[Table]:
        result = []
        header = [
            _("Group"),
            _("Assigned"),
            _("Certified"),
            _("On time"),
            _("Overdue"),
            _("Certified (share of assigned)"),
        ]
        for curriculum_id, name in self.data["curricula"]:
            body = []
            for column, label in self.group_rows():
                values = [self.value(curriculum_layer(curriculum_id, m), row, column) for m in CURRICULUM_MEASURES]
                cells = [self.show(v) for v in values] + [self.percent(values[1], values[0])]
                body.append(Row(label=str(label), cells=cells, suppressed=[v is None for v in values] + [False]))
            result.append(
                Table(
                    slug=f"curricula:{curriculum_id}",
                    caption=_("%(curriculum)s — %(scope)s") % {"curriculum": name, "scope": self.scope.name_of(row)},
                    header=[str(h) for h in header],
                    rows=body,
                )
            )
        return result

    # Participation and representation --------------------------------------------------------------

    def participation_table(self, row) -> Table:
        header = [_("Group"), _("People who answered")]
        labels = {
            "completed": _("Completed a course"),
            "attended": _("Attended a session"),
            "circle": _("Took part in a reading circle"),
        }
        for measure in PARTICIPATION_MEASURES:
            header += [labels[measure], _("%(measure)s (share)") % {"measure": labels[measure]}]
        body = []
        for column, label in self.group_rows():
            base = self.value(tables.PEOPLE, row, column)
            cells, suppressed = [self.show(base)], [base is None]
            for measure in PARTICIPATION_MEASURES:
                value = self.value(participation_layer(measure), row, column)
                cells += [self.show(value), self.percent(value, base)]
                suppressed += [value is None, False]
            body.append(Row(label=str(label), cells=cells, suppressed=suppressed))
        return Table(
            slug="participation",
            caption=_("Participation in the last twelve months — %(scope)s") % {"scope": self.scope.name_of(row)},
            header=[str(h) for h in header],
            rows=body,
        )

    def representation_table(self, row) -> Table:
        """Calgary's leadership-representation measure: each group's share among department heads beside
        its share among every employee who answered."""
        header = [
            _("Group"),
            _("Department heads"),
            _("Share of heads who answered"),
            _("Employees who answered"),
            _("Share of employees who answered"),
        ]
        heads_base = self.value(HEADS, row, standards.ANSWERED)
        people_base = self.value(tables.PEOPLE, row, standards.ANSWERED)
        body = []
        for column, label in self.group_rows():
            if column == standards.ANSWERED:
                continue
            heads = self.value(HEADS, row, column)
            people = self.value(tables.PEOPLE, row, column)
            body.append(
                Row(
                    label=str(label),
                    cells=[
                        self.show(heads),
                        self.percent(heads, heads_base),
                        self.show(people),
                        self.percent(people, people_base),
                    ],
                    suppressed=[heads is None, False, people is None, False],
                )
            )
        body.append(
            Row(
                label=str(_("Everyone who answered")),
                cells=[self.show(heads_base), "100%" if heads_base else "—", self.show(people_base), "100%"],
                suppressed=[heads_base is None, False, people_base is None, False],
            )
        )
        return Table(
            slug="representation",
            caption=_("Department heads and employees by group — %(scope)s") % {"scope": self.scope.name_of(row)},
            header=[str(h) for h in header],
            rows=body,
        )

    # Knowledge gain --------------------------------------------------------------------------------

    def gain_cells(self, course_id, row, column) -> tuple[list[str], list[bool]]:
        if self.withheld(row, column=column):
            return [str(_("held back")), "—", "—", "—", "—"], [False] * 5
        n = self.value(gain_layer(course_id), row, column)
        means = self.data["means"].get(f"{gain_layer(course_id)}|{row}|{column}")
        if n is None or means is None:
            return [self.show(n), "—", "—", "—", "—"], [n is None, False, False, False, False]
        pre, post = means
        gain = normalised_gain(pre, post)
        return (
            [
                str(n),
                f"{pre:.1f}",
                f"{post:.1f}",
                "—" if gain is None else f"{gain:.2f}",
                gain_level(gain),
            ],
            [False] * 5,
        )

    def gain_header(self, first):
        return [
            str(first),
            str(_("People with both tests")),
            str(_("Mean pre-test score")),
            str(_("Mean post-test score")),
            str(_("Normalised gain (g)")),
            str(_("Level")),
        ]

    def gain_tables(self, course_id, course_title, row) -> list[Table]:
        by_department = []
        for row_id, name, depth in self.scope.rows:
            cells, suppressed = self.gain_cells(course_id, row_id, tables.EVERYONE)
            by_department.append(Row(label=name, cells=cells, depth=depth, suppressed=suppressed))
        by_group = []
        if self.broken_down(row):
            for column, label in self.group_rows():
                cells, suppressed = self.gain_cells(course_id, row, column)
                by_group.append(Row(label=str(label), cells=cells, suppressed=suppressed))
        result = [
            Table(
                slug=f"gain:{course_id}:departments",
                caption=_("%(course)s — overall and by department (everyone with both tests)")
                % {"course": course_title},
                header=self.gain_header(_("Department")),
                rows=by_department,
            )
        ]
        if by_group:
            result.append(
                Table(
                    slug=f"gain:{course_id}:groups",
                    caption=_("%(course)s — by group, %(scope)s")
                    % {"course": course_title, "scope": self.scope.name_of(row)},
                    header=self.gain_header(_("Group")),
                    rows=by_group,
                )
            )
        return result


def normalised_gain(pre: float, post: float) -> float | None:
    """Hake's class-average normalised gain g = (post − pre) / (100 − pre); None when pre is 100."""
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


def gain_level(gain: float | None) -> str:
    if gain is None:
        return "—"
    if gain < 0.3:
        return str(_("low"))
    if gain > 0.7:
        return str(_("high"))
    return str(_("medium"))
