"""After completing a course, the next course of the person's required training
(courses.catalogue.next_steps)."""

from .models import Assignment
from .selectors import learn_panel_context


def next_required_course(request, course):
    """The first course not yet done, in the order of "My required training" (most urgent first),
    other than the one just completed; None when nothing required is left. Three queries."""
    context = learn_panel_context(request)
    if context is None:
        return None
    for row in context["required_training"]:
        if row["assignment"].state == Assignment.State.COMPLETE:
            continue
        for entry in row["courses"]:
            if not entry["done"] and entry["course"].pk != course.pk:
                return {"next_course": entry["course"], "assignment": row["assignment"]}
    return None
