"""The evaluation form (for a session attended or a course completed) and its thank-you page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.catalogue.models import Course
from courses.scheduling.models import Session

from . import selectors, services
from .exceptions import AlreadyAnswered, EvaluationError
from .figures import MIN_RESPONSES
from .forms import EvaluationAnswersForm


def _evaluate(request, *, course, session):
    if session is not None and not selectors.has_attended(request.user, session):
        return _refused(request, _("Only people who attended this session can evaluate it."))
    if session is None and not selectors.has_completed(request.user, course):
        return _refused(request, _("Only people who completed this course can evaluate it."))
    if selectors.has_answered(request.user, course=course, session=session):
        return _refused(request, _("You have already evaluated this. Thank you — each person answers once."), 200)
    skills = selectors.skills_of(course.pk)
    form = EvaluationAnswersForm(request.POST or None, skills=skills, with_facilitation=session is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(user=request.user, course=course, session=session, answers=form.answers())
        except AlreadyAnswered as error:
            return _refused(request, str(error), 200)
        except EvaluationError as error:
            return _refused(request, str(error))
        messages.success(request, _("Thank you: your evaluation was recorded anonymously."))
        return redirect("evaluations:thanks")
    title = session.display_title if session is not None else course.title
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "evaluations/evaluate.html",
        {"form": form, "title": title, "session": session, "course": course, "min_responses": MIN_RESPONSES},
        status=status,
    )


def _refused(request, message, status=403):
    return render(request, "evaluations/unavailable.html", {"message": message}, status=status)


@login_required
def evaluate_session(request, session_id):
    session = get_object_or_404(Session.objects.select_related("course", "series"), pk=session_id)
    return _evaluate(request, course=session.course, session=session)


@login_required
def evaluate_course(request, course_id):
    return _evaluate(request, course=get_object_or_404(Course, pk=course_id), session=None)


@login_required
def thanks(request):
    return render(request, "evaluations/thanks.html", {"pending": selectors.pending_for(request.user)})
