from django import template

register = template.Library()


@register.filter
def share(counts, name):
    """A category's share of the assigned, as a CSS-safe number ("37.5")."""
    return f"{counts.share(name):.1f}"
