"""Reads of the compliance exports: the rows a viewer may export, typed (the XLSX) or already formatted
as text by the database (the CSV), and how many there are (large exports run as jobs)."""

import datetime

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Coalesce, Concat, Trim, TruncDate
from django.utils import timezone

from courses.people.models import Department

from . import rollups, text_cells
from .models import Assignment, Curriculum
from .selectors import compliance_assignments, scope_paths, subtree_q

State = Assignment.State

EXPORT_COLUMNS = [
    "user__employee__employee_number",
    "user__first_name",
    "user__last_name",
    "user__email",
    "user__employee__department_id",
    "user__employee__job_title",
    "curriculum_id",
    "state",
    "exempt",
    "due_on",
    "extended_due_on",
    "completed_at",
    "expires_on",
    "exemption_reason",
    "extension_reason",
]
# Columns of the export that hold dates (spreadsheets format them as dates) and their widths.
EXPORT_DATE_COLUMNS = (7, 9, 10)
EXPORT_WIDTHS = (14, 26, 30, 24, 26, 26, 18, 12, 10, 12, 12, 18, 40)


def compliance_export_count(viewer, *, curriculum_id: int | None = None, department: Department | None = None) -> int:
    """How many rows an export of this scope holds, from the rollup (one query): large ones run as a job."""
    rows = rollups.rollup_rows(
        scope=subtree_q(scope_paths(viewer), prefix="department__path"),
        curriculum_id=curriculum_id,
        path=department.path if department is not None else None,
    )
    return sum(n for _department_id, _state, _exempt, n in rows)


def compliance_export_rows(
    viewer,
    *,
    curriculum_id: int | None = None,
    department: Department | None = None,
    chunk_size: int = 5000,
    today: datetime.date | None = None,
):
    """Header, then one row of plain values per assignment the viewer may see: employee number,
    name, e-mail, department, job title, curriculum, state, due date, days overdue, certified on,
    expires on, exemption or extension, and its reason. Dates are `datetime.date` (the writers format
    them). A generator that streams from the database in chunks: memory stays flat whatever the number
    of rows, and the number of queries does not grow with it (department and curriculum names are
    read once)."""
    today = today or timezone.localdate()
    department_names = dict(Department.objects.values_list("pk", "name"))
    curriculum_names = _curriculum_names()
    state_labels = {value: str(label) for value, label in State.choices}
    exempt_label, extended_label = _export_decisions()
    yield export_header()
    rows = _export_assignments(viewer, curriculum_id=curriculum_id, department=department).values_list(*EXPORT_COLUMNS)
    city = timezone.get_current_timezone()
    overdue = State.OVERDUE
    for (
        number,
        first_name,
        last_name,
        email,
        department_id,
        job_title,
        curriculum_id_,
        state,
        exempt,
        due_on,
        extended_due_on,
        completed_at,
        expires_on,
        exemption_reason,
        extension_reason,
    ) in rows.iterator(chunk_size=chunk_size):
        due = extended_due_on or due_on
        if exempt:
            decision, reason = exempt_label, exemption_reason
        elif extended_due_on:
            decision, reason = extended_label, extension_reason
        else:
            decision = reason = ""
        yield [
            number,
            f"{first_name} {last_name}".strip(" "),
            email,
            department_names.get(department_id, ""),
            job_title,
            curriculum_names.get(curriculum_id_, ""),
            state_labels.get(state, state),
            due,
            (today - due).days if state == overdue and not exempt else None,
            completed_at.astimezone(city).date() if completed_at else None,
            expires_on,
            decision,
            reason,
        ]


def compliance_export_text_rows(
    viewer,
    *,
    curriculum_id: int | None = None,
    department: Department | None = None,
    today: datetime.date | None = None,
):
    """The header, and a query of the same rows as `compliance_export_rows` with every cell already
    the text that the CSV holds (NULL for an empty cell), formatted by the database: the CSV writer
    only copies them (PostgreSQL's COPY, elsewhere the csv module), at several times the speed of
    building each cell in Python. The XLSX keeps the typed rows, for real dates and numbers."""
    today = today or timezone.localdate()
    exempt_label, extended_label = _export_decisions()
    extended = Q(extended_due_on__isnull=False)
    due = Coalesce("extended_due_on", "due_on")
    curricula = [When(curriculum_id=pk, then=Value(name)) for pk, name in _curriculum_names().items()]
    states = [When(state=value, then=Value(str(label))) for value, label in State.choices]
    rows = _export_assignments(viewer, curriculum_id=curriculum_id, department=department).values_list(
        text_cells.text("user__employee__employee_number"),
        text_cells.text(Trim(Concat("user__first_name", Value(" "), "user__last_name"))),
        text_cells.text("user__email"),
        text_cells.text("user__employee__department__name"),
        text_cells.text("user__employee__job_title"),
        text_cells.text(Case(*curricula, default=Value(""), output_field=CharField())),
        text_cells.text(Case(*states, default="state", output_field=CharField())),
        text_cells.IsoDate(due),
        Case(
            When(state=State.OVERDUE, exempt=False, then=text_cells.number(text_cells.DaysFrom(due, today))),
            default=None,
            output_field=CharField(),
        ),
        text_cells.IsoDate(TruncDate("completed_at", tzinfo=timezone.get_current_timezone())),
        text_cells.IsoDate("expires_on"),
        text_cells.text(
            Case(
                When(exempt=True, then=Value(exempt_label)),
                When(extended, then=Value(extended_label)),
                default=Value(""),
                output_field=CharField(),
            )
        ),
        text_cells.text(
            Case(
                When(exempt=True, then="exemption_reason"),
                When(extended, then="extension_reason"),
                default=Value(""),
                output_field=CharField(),
            )
        ),
    )
    return export_header(), rows


def export_header() -> list[str]:
    from django.utils.translation import gettext as _

    return [
        _("Employee number"),
        _("Name"),
        _("E-mail"),
        _("Department"),
        _("Job title"),
        _("Curriculum"),
        _("State"),
        _("Due date"),
        _("Days overdue"),
        _("Certified on"),
        _("Expires on"),
        _("Exemption or extension"),
        _("Reason"),
    ]


def _export_decisions() -> tuple[str, str]:
    from django.utils.translation import gettext as _

    return _("Exempt"), _("Extended")


def _curriculum_names() -> dict[int, str]:
    """Names in the active language (curricula are few: read once, not joined per row)."""
    return {c.pk: str(c.name) for c in Curriculum.objects.all()}


def _export_assignments(viewer, *, curriculum_id, department):
    """The export's assignments in the export's order: department, then name."""
    return compliance_assignments(viewer, curriculum_id=curriculum_id, department=department).order_by(
        "user__employee__department_id", "user__last_name", "user__first_name", "pk"
    )
