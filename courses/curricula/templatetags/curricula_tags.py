from django import template

register = template.Library()


@register.filter
def share(counts, name):
    """A category's share of the assigned, as a CSS-safe number ("37.5")."""
    return f"{counts.share(name):.1f}"


@register.simple_tag(takes_context=True)
def course_requirement(context, course):
    """What the viewer's assignments ask of them for `course` ("required for you, due …"), or None.
    For one course; a list of courses asks `selectors.course_requirements` once for all of them."""
    from courses.curricula.selectors import course_requirements

    request = context.get("request")
    if request is None or course is None:
        return None
    return course_requirements(request.user, [course.pk]).get(course.pk)
