"""Who sees evaluation figures: a facilitator their own sessions (/facilitate/evaluations/); equity
analysts and training admins every course, series and facilitator (/insights/evaluations/ and its CSV,
audited like the other insights views). Department heads, employees and editors see neither."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.insights import services as insights_services
from courses.insights import standards
from courses.insights.figures import min_cell
from courses.insights.insights_views import _csv
from courses.insights.models import InsightsAccess
from courses.people import roles
from courses.people.roles import facilitator_required, insights_viewer_required

from . import figures, selectors, tables


@require_GET
@facilitator_required
def facilitator(request):
    data = selectors.facilitator_figures(request.user)
    k = min_cell()
    context = {
        "series_table": tables.overview_table("series", _("My series (my sessions only)"), _("Series"), data["series"])
        if data["series"]
        else None,
        "sessions": [tables.detail(group, k) for group in data["sessions"]],
        "min_responses": figures.MIN_RESPONSES,
        "k": k,
    }
    return render(request, "evaluations/facilitator.html", context)


def _organisation_tables(k):
    data = selectors.organisation_figures()
    overviews = [
        tables.overview_table("courses", _("By course"), _("Course"), data["courses"]),
        tables.overview_table("series", _("By series"), _("Series"), data["series"]),
        tables.overview_table("facilitators", _("By facilitator"), _("Facilitator"), data["facilitators"]),
    ]
    return data, overviews, [tables.detail(group, k) for group in data["courses"] if group.summary is not None]


def _require_organisation(user):
    if not roles.sees_whole_organisation_insights(user):
        raise Http404(_("Evaluation figures are for equity analysts and training admins."))


@require_GET
@insights_viewer_required
def organisation(request):
    _require_organisation(request.user)
    k = min_cell()
    data, overviews, courses = _organisation_tables(k)
    insights_services.insights_access_record(
        user=request.user, table="evaluations", scope="organisation", format=InsightsAccess.Format.PAGE
    )
    return render(
        request,
        "evaluations/organisation.html",
        {
            "overviews": overviews,
            "courses": courses,
            "data": data,
            "k": k,
            "min_responses": figures.MIN_RESPONSES,
            "section": "evaluations",
            "question": standards.questions()[0],
            "can_refresh": True,
        },
    )


@require_GET
@insights_viewer_required
def organisation_csv(request):
    _require_organisation(request.user)
    k = min_cell()
    _data, overviews, courses = _organisation_tables(k)
    insights_services.insights_access_record(
        user=request.user, table="evaluations", scope="organisation", format=InsightsAccess.Format.CSV
    )
    detail_tables = [t for course in courses for t in [*course["tables"], course["comments"]]]
    return _csv([*overviews, *detail_tables], "insights-evaluations.csv")
