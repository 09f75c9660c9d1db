"""The learner's pages: the /learn/ dashboard and the course player. Thin: reads come from selectors,
writes go through services, domain errors become messages."""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import dashboard as dashboard_panels
from . import next_steps, selectors, services
from .exceptions import CourseError, InvalidAnswer
from .models import Course, Enrollment, QuizAttempt, QuizModule, ReflectionModule

# Dashboard -------------------------------------------------------------------------------------------------------


def my_courses_panel(request):
    return {
        "enrollments": [e for e in selectors.learner_enrollments(request.user) if e.status != "completed"],
        "catalogue_url": selectors.course_catalogue_url(request),
    }


def completed_panel(request):
    completions = selectors.learner_completions(request.user)
    return {"completions": completions} if completions else None


@login_required
@require_GET
def dashboard(request):
    return render(request, "courses/dashboard.html", {"panels": dashboard_panels.render_panels(request)})


# Course player ---------------------------------------------------------------------------------------------------


def _outline(request, slug):
    try:
        course = selectors.published_course(slug)
    except Course.DoesNotExist:
        raise Http404
    return selectors.course_outline(course=course, user=request.user)


def _step(outline, module_id):
    """The module of THIS course with that id; 404 for a module of another course."""
    step = outline.step_for(module_id)
    if step is None:
        raise Http404
    return step


def _not_enrolled(request, outline):
    messages.info(request, _("Enrol in this course to start it."))
    return redirect("learn:course", slug=outline.course.slug)


def _locked(request, outline, step):
    """A module of a course taken in order, opened before the modules ahead of it: to the first one
    not done yet, saying why."""
    blocker = step.blocked_by
    messages.info(
        request,
        _("Modules in this course are taken in order: complete “%(module)s” before “%(locked)s”.")
        % {"module": blocker.module.title, "locked": step.module.title},
    )
    return redirect("learn:module", slug=outline.course.slug, module_id=blocker.module.id)


def course_step(module_class=None, *, unenrolled_404=False):
    """The course player's opening, shared by every view of one module: logged in; the published
    course (404 otherwise) and the learner's outline of it; the step of THIS course (404 for a module
    of another course); enrolled (else back to the overview with a message, or 404 where the page
    only exists for an enrolment); open (in a course taken in order, a module behind an unfinished
    one sends the learner to that one, with a message); and, when `module_class` is given, a module of that kind (404).
    The view is called as view(request, outline, step, **other URL arguments)."""

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, slug, module_id, **kwargs):
            outline = _outline(request, slug)
            step = _step(outline, module_id)
            if not outline.enrolled:
                if unenrolled_404:
                    raise Http404
                return _not_enrolled(request, outline)
            if module_class is not None and not isinstance(step.module, module_class):
                raise Http404
            if step.locked:
                return _locked(request, outline, step)
            return view(request, outline, step, **kwargs)

        return wrapper

    return decorator


def _after_completing(request, outline, step, was_completed):
    """Where a learner goes once a module is done: the completion screen when that finished the
    course, else the next module, else the course overview."""
    enrollment = Enrollment.objects.get(pk=outline.enrollment.pk)
    if enrollment.status == Enrollment.Status.COMPLETED and not was_completed:
        return redirect("learn:completed", slug=outline.course.slug)
    _previous, following = outline.neighbours(step)
    if following is not None:
        return redirect("learn:module", slug=outline.course.slug, module_id=following.module.id)
    return redirect("learn:course", slug=outline.course.slug)


@login_required
@require_GET
def course(request, slug):
    outline = _outline(request, slug)
    return render(request, "courses/course.html", {"outline": outline, "course": outline.course})


@login_required
@require_POST
def enrol(request, slug):
    try:
        course = selectors.published_course(slug)
    except Course.DoesNotExist:
        raise Http404
    _enrollment, created = services.enrollment_create(user=request.user, course=course)
    if created:
        messages.success(request, _("You are enrolled in %(course)s.") % {"course": course.title})
    return redirect("learn:course", slug=course.slug)


@login_required
@require_GET
def completed(request, slug):
    outline = _outline(request, slug)
    if not outline.completed:
        return redirect("learn:course", slug=slug)
    context = {
        "outline": outline,
        "course": outline.course,
        "next_steps": next_steps.render_next_steps(request, outline.course),
    }
    return render(request, "courses/completed.html", context)


def _render_module(request, outline, step, extra=None, status=200):
    module = step.module
    previous, following = outline.neighbours(step)
    context = {
        "outline": outline,
        "course": outline.course,
        "step": step,
        "module": module,
        "previous": previous,
        "next": following,
        "total": len(outline.steps),
        "position_percent": round(100 * step.number / len(outline.steps)),
    }
    if isinstance(module, QuizModule):
        attempts = selectors.quiz_attempts(enrollment=outline.enrollment, quiz=module)
        context.update(
            questions=selectors.quiz_questions(module),
            last_attempt=attempts[0] if attempts else None,
            attempts_used=len(attempts),
            attempts_left=selectors.attempts_left(
                module, len(attempts), selectors.attempts_granted(enrollment=outline.enrollment, quiz=module)
            ),
            selected=set(),
            question_errors={},
        )
    elif isinstance(module, ReflectionModule):
        reflection = selectors.reflection_of(author=request.user, module=module)
        context.update(reflection=reflection, text=reflection.text if reflection else "")
    elif module.kind == "video":
        language = settings.LANGUAGE_CODE
        context.update(captions_language=language, captions_label=get_language_info(language)["name_local"])
    context.update(extra or {})
    for question in context.get("questions", []):
        question.error = context["question_errors"].get(question.id, "")
    if "text" in context:
        context["text_length"] = len(context["text"].replace("\r\n", "\n").strip())
    return render(request, f"courses/module_{module.kind}.html", context, status=status)


@require_GET
@course_step()
def module(request, outline, step):
    if outline.enrollment.last_module_id != step.module.id:
        services.module_touch(enrollment=outline.enrollment, module=step.module)
    return _render_module(request, outline, step)


@require_POST
@course_step()
def module_done(request, outline, step):
    try:
        services.module_acknowledge(enrollment=outline.enrollment, module=step.module)
    except CourseError as error:
        messages.error(request, str(error))
        return redirect("learn:module", slug=outline.course.slug, module_id=step.module.id)
    messages.success(request, _("“%(module)s” is complete.") % {"module": step.module.title})
    return _after_completing(request, outline, step, outline.completed)


@require_POST
@course_step(QuizModule)
def quiz_submit(request, outline, step):
    answers = {
        key.removeprefix("question-"): request.POST.getlist(key) for key in request.POST if key.startswith("question-")
    }
    try:
        attempt = services.quiz_submit(enrollment=outline.enrollment, quiz=step.module, answers=answers)
    except InvalidAnswer as error:
        selected = {value for values in answers.values() for value in values}
        return _render_module(
            request,
            outline,
            step,
            {"quiz_error": str(error), "question_errors": getattr(error, "errors", {}), "selected": selected},
        )
    except CourseError as error:
        messages.error(request, str(error))
        return redirect("learn:module", slug=outline.course.slug, module_id=step.module.id)
    return redirect("learn:attempt", slug=outline.course.slug, module_id=step.module.id, attempt_id=attempt.pk)


@require_GET
@course_step(QuizModule, unenrolled_404=True)
def attempt(request, outline, step, attempt_id):
    quiz = step.module
    try:
        attempt = selectors.learner_attempt(user=request.user, quiz=quiz, attempt_id=attempt_id)
    except QuizAttempt.DoesNotExist:
        raise Http404
    questions = selectors.attempt_questions(attempt)
    used = services.attempts_used(enrollment=outline.enrollment, quiz=quiz)
    _previous, following = outline.neighbours(step)
    return render(
        request,
        "courses/quiz_feedback.html",
        {
            "outline": outline,
            "course": outline.course,
            "step": step,
            "module": quiz,
            "attempt": attempt,
            "review": selectors.attempt_review(attempt, questions),
            "attempts_left": selectors.attempts_left(
                quiz, used, selectors.attempts_granted(enrollment=outline.enrollment, quiz=quiz)
            ),
            "next": following,
        },
    )


@require_POST
@course_step(ReflectionModule)
def reflection_save(request, outline, step):
    action = request.POST.get("action", "save")
    text = request.POST.get("text", "")
    autosave = action == "autosave"
    try:
        services.reflection_save(author=request.user, module=step.module, text=text, submit=action == "submit")
    except CourseError as error:
        if autosave:
            return JsonResponse({"saved": False, "message": str(error)}, status=400)
        return _render_module(request, outline, step, {"text": text, "reflection_error": str(error)})
    now = formats.time_format(timezone.localtime(), "TIME_FORMAT")
    if autosave:
        return JsonResponse({"saved": True, "message": _("Draft saved automatically at %(time)s.") % {"time": now}})
    if action == "submit":
        messages.success(request, _("Your reflection is submitted. Only you can read it."))
        return _after_completing(request, outline, step, outline.completed)
    messages.success(request, _("Your draft is saved (%(time)s). Only you can read it.") % {"time": now})
    return redirect("learn:module", slug=outline.course.slug, module_id=step.module.id)
