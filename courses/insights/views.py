"""The person's own self-identification page (the only page that shows anyone's answers)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.people.roles import employee_required

from . import selectors, services, standards
from .forms import parse_answers
from .models import InsightsSettings


def _purpose(request) -> str:
    return InsightsSettings.for_request(request).purpose


def _question_rows(chosen, write_ins):
    return [
        {
            "question": question,
            "chosen": chosen.get(question.key, set()),
            "write_in": write_ins.get(question.key, ""),
            "prefer_not": standards.PREFER_NOT in chosen.get(question.key, set()),
        }
        for question in standards.questions()
    ]


@never_cache
@employee_required
@require_http_methods(["GET", "POST"])
def self_identification(request):
    own = selectors.own_self_identification(request.user)
    errors = []
    chosen, write_ins = own["chosen"], own["write_ins"]
    if request.method == "POST":
        answers, errors = parse_answers(request.POST)
        if not errors:
            services.self_identification_save(user=request.user, answers=answers)
            messages.success(request, _("Your answers are saved. You can change or withdraw them at any time."))
            return redirect("insights:self_identification")
        chosen = {key: set(request.POST.getlist(f"q-{key}")) for key in (q.key for q in standards.questions())}
        write_ins = {q.key: request.POST.get(f"w-{q.key}", "") for q in standards.questions()}
    response = render(
        request,
        "insights/self_identification.html",
        {
            "purpose": _purpose(request),
            "rows": _question_rows(chosen, write_ins),
            "record": own["record"],
            "withdrawal": own["withdrawal"],
            "errors": errors,
            "min_cell": None,
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@employee_required
@require_http_methods(["GET", "POST"])
def self_identification_withdraw(request):
    if request.method == "POST":
        if services.self_identification_withdraw(user=request.user):
            messages.success(request, _("Your answers are deleted. Only the date you withdrew them is kept."))
        else:
            messages.info(request, _("You had no answers to withdraw."))
        return redirect("insights:self_identification")
    return render(request, "insights/self_identification_withdraw.html")
