"""/insights/: protected aggregates for equity analysts, training admins (the organisation) and department
heads (their subtrees). Tables are fixed; the only choices are which question and which of the viewer's
departments, each a table of the same snapshot. Every view and export is audited."""

import csv
import functools

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.catalogue.models import Course
from courses.people import roles
from courses.people.roles import insights_viewer_required

from . import history, services, standards, tables, trends
from .models import InsightsAccess, InsightsSnapshot
from .reports import Figures, scope_for

SECTIONS = [
    ("insights:overview", "overview"),
    ("insights:curricula", "curricula"),
    ("insights:knowledge_gain", "knowledge_gain"),
]


def _question(request) -> standards.Question:
    key = request.GET.get("question")
    questions = standards.questions()
    if not key:
        return questions[0]
    question = standards.question(key)
    if question is None:
        raise Http404(_("No such question."))
    return question


class FiguresNotReady(Exception):
    """No current snapshot of the question yet: a rebuild is queued, the page says to come back."""


def _snapshot(question) -> InsightsSnapshot:
    """The latest current snapshot of the question. Without one, a rebuild is queued for the task worker
    (building it takes minutes at the city's scale, far too long for a request) and FiguresNotReady raised."""
    snapshot = services.insights_snapshot_current(question_key=question.key)
    if snapshot is None:
        services.insights_refresh_queue()
        raise FiguresNotReady
    return snapshot


def figures_page(view):
    """A figures view answers "the figures are being prepared" while there is no current snapshot."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except FiguresNotReady:
            context = {"question": _question(request), "questions": standards.questions(), "section": "preparing"}
            context["can_refresh"] = roles.sees_whole_organisation_insights(request.user)
            return render(request, "insights/preparing.html", context)

    return wrapper


def _row(request, scope):
    """The department row asked for (?department=id), or the viewer's first top row. Outside the
    viewer's scope: 404, the same as a department that does not exist."""
    raw = request.GET.get("department")
    if not raw:
        return scope.tops[0] if scope.tops else None
    if raw == tables.ALL:
        row = tables.ALL
    else:
        try:
            row = int(raw)
        except ValueError:
            raise Http404(_("No such department."))
    if not scope.has(row):
        raise Http404(_("No such department."))
    return row


def _context(request, section):
    question = _question(request)
    scope = scope_for(request.user)
    if not scope.rows:
        raise Http404(_("You head no department."))
    row = _row(request, scope)
    figures = Figures(_snapshot(question), question, scope)
    return {
        "question": question,
        "questions": standards.questions(),
        "scope": scope,
        "row": row,
        "row_name": scope.name_of(row),
        "figures": figures,
        "k": figures.k,
        "rows_from": figures.rows_from,
        "broken_down": figures.broken_down(row),
        "withheld": figures.withheld(row),
        "section": section,
        "snapshot": figures.snapshot,
        "can_refresh": roles.sees_whole_organisation_insights(request.user),
    }


def _not_broken_down(context) -> str:
    """Why a table's CSV is not there (the page says it at length)."""
    if context["withheld"]:
        return _("These figures are held back from this release.")
    return _("Fewer people answered than can be shown.")


def _audit(request, context, table, format=InsightsAccess.Format.PAGE):
    scope = _scope_label(context["row"])
    services.insights_access_record(
        user=request.user, table=f"{context['question'].key}:{table}", scope=scope, format=format
    )


def _csv(tables_, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for table in tables_:
        writer.writerow([table.caption])
        writer.writerows(table.csv_rows())
        writer.writerow([])
    return response


@require_GET
@insights_viewer_required
@figures_page
def overview(request):
    context = _context(request, "overview")
    figures = context["figures"]
    context["top_rows"] = [
        {
            "name": context["scope"].name_of(top),
            "answered": figures.show(figures.answered(top)),
            "withheld": figures.withheld(top),
            "id": top,
        }
        for top in context["scope"].tops
    ]
    _audit(request, context, "overview")
    return render(request, "insights/overview.html", context)


@require_GET
@insights_viewer_required
@figures_page
def curricula(request):
    context = _context(request, "curricula")
    context["tables"] = context["figures"].curricula_tables(context["row"]) if context["broken_down"] else []
    _audit(request, context, "curricula")
    return render(request, "insights/curricula.html", context)


@require_GET
@insights_viewer_required
@figures_page
def curricula_csv(request):
    context = _context(request, "curricula")
    if not context["broken_down"]:
        raise Http404(_not_broken_down(context))
    _audit(request, context, "curricula", InsightsAccess.Format.CSV)
    return _csv(context["figures"].curricula_tables(context["row"]), "insights-curricula.csv")


def _gain_tables(context):
    figures = context["figures"]
    titles = dict(Course.objects.filter(pk__in=figures.data["gain_courses"]).values_list("pk", "title"))
    return [
        {
            "title": titles.get(course_id, ""),
            "tables": figures.gain_tables(course_id, titles.get(course_id, ""), context["row"]),
        }
        for course_id in figures.data["gain_courses"]
    ]


@require_GET
@insights_viewer_required
@figures_page
def knowledge_gain(request):
    context = _context(request, "knowledge_gain")
    context["courses"] = _gain_tables(context)
    _audit(request, context, "knowledge_gain")
    return render(request, "insights/knowledge_gain.html", context)


@require_GET
@insights_viewer_required
@figures_page
def knowledge_gain_csv(request):
    context = _context(request, "knowledge_gain")
    _audit(request, context, "knowledge_gain", InsightsAccess.Format.CSV)
    return _csv([t for course in _gain_tables(context) for t in course["tables"]], "insights-knowledge-gain.csv")


def _one_table(section: str, table: str, template: str):
    """The page and the CSV export of one table of the figures (`table`: the `Figures` method that
    builds it for a row): the same cells in both, audited alike."""

    def build(context):
        return getattr(context["figures"], table)(context["row"])

    @require_GET
    @insights_viewer_required
    def page(request):
        context = _context(request, section)
        context["table"] = build(context) if context["broken_down"] else None
        _audit(request, context, section)
        return render(request, template, context)

    @require_GET
    @insights_viewer_required
    def export(request):
        context = _context(request, section)
        if not context["broken_down"]:
            raise Http404(_not_broken_down(context))
        _audit(request, context, section, InsightsAccess.Format.CSV)
        return _csv([build(context)], f"insights-{section}.csv")

    return page, export


participation, participation_csv = _one_table("participation", "participation_table", "insights/participation.html")
representation, representation_csv = _one_table(
    "representation", "representation_table", "insights/representation.html"
)


def _trends_context(request):
    """Trends need no snapshot of a question: counts of everyone, from the monthly history."""
    question = _question(request)
    scope = scope_for(request.user)
    if not scope.rows:
        raise Http404(_("You head no department."))
    row = _row(request, scope)
    chart, table = trends.build(history.months_for(), row, scope.name_of(row))
    return {
        "question": question,
        "scope": scope,
        "row": row,
        "row_name": scope.name_of(row),
        "section": "trends",
        "chart": chart,
        "table": table,
        "can_refresh": roles.sees_whole_organisation_insights(request.user),
    }


@require_GET
@insights_viewer_required
def trends_page(request):
    context = _trends_context(request)
    services.insights_access_record(
        user=request.user, table="trends", scope=_scope_label(context["row"]), format=InsightsAccess.Format.PAGE
    )
    return render(request, "insights/trends.html", context)


@require_GET
@insights_viewer_required
def trends_csv(request):
    context = _trends_context(request)
    services.insights_access_record(
        user=request.user, table="trends", scope=_scope_label(context["row"]), format=InsightsAccess.Format.CSV
    )
    return _csv([context["table"]], "insights-trends.csv")


def _scope_label(row) -> str:
    return "organisation" if row == tables.ALL else f"department {row}"


@require_POST
@insights_viewer_required
def refresh(request):
    if not roles.sees_whole_organisation_insights(request.user):
        raise Http404
    if services.insights_refresh_queue():
        messages.success(request, _("The figures are being recalculated. The new ones appear here in a few minutes."))
    else:
        messages.info(
            request,
            _("A recalculation of the figures is already under way. The new ones appear here in a few minutes."),
        )
    return redirect("insights:overview")


@require_GET
@insights_viewer_required
def audit(request):
    if not roles.sees_whole_organisation_insights(request.user):
        raise Http404
    entries = InsightsAccess.objects.all()[:200]
    return render(request, "insights/audit.html", {"entries": entries, "section": "audit"})
