"""What the course-complete page points to next.

The courses app does not know about certificates or required training; those apps register a
"next step" in their AppConfig.ready(), the way dashboard panels are registered
(courses.catalogue.dashboard)::

    register_next_step("certificates/next_step.html", next_step_context, order=10)

`context_fn(request, course)` returns the template's context, or None to leave the step out. It
should run a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

CERTIFICATE = 10  # certificates: the certificate for this course
REQUIRED = 20  # curricula: the next required course


@dataclass(frozen=True)
class NextStep:
    template_name: str
    context_fn: Callable
    order: int


_steps: dict[str, NextStep] = {}


def register_next_step(template_name: str, context_fn: Callable, order: int = 100) -> None:
    _steps[template_name] = NextStep(template_name=template_name, context_fn=context_fn, order=order)


def render_next_steps(request, course) -> list[SafeString]:
    """The registered next steps for someone who has just completed `course`, rendered, in order."""
    rendered = []
    for step in sorted(_steps.values(), key=lambda step: (step.order, step.template_name)):
        context = step.context_fn(request, course)
        if context is not None:
            rendered.append(render_to_string(step.template_name, context, request=request))
    return rendered
