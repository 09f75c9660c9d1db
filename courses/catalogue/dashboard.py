"""Panels of the learner's dashboard at /learn/.

The dashboard is a column of panels. The courses app contributes "My courses" and "Completed
courses"; any other app adds its own section without the courses app knowing about it, by
registering a panel in its AppConfig.ready()::

    # certificates/apps.py
    class CertificatesConfig(AppConfig):
        name = "certificates"

        def ready(self):
            from courses.catalogue.dashboard import CERTIFICATES, register_panel

            from .selectors import learn_panel_context

            register_panel("certificates/_learn_certificates.html", learn_panel_context, CERTIFICATES)

- `template_name` is rendered with the request (so `user`, `request` and the context processors are
  there) plus the dict that `context_fn(request)` returns. It should open with an <h2> (the
  dashboard owns the page's only <h1>) and contain its own empty state, or
- `context_fn(request)` returns None to leave the panel out altogether (e.g. a panel for department
  heads shown to an employee).
- `context_fn` must run a constant number of queries whatever the number of rows (the dashboard's
  query count is asserted in tests): select_related/prefetch_related, aggregate in the database.
- `order` places the panel; the constants below give each planned section a slot, leaving gaps.
  Registering the same template again replaces the earlier registration.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

ASSIGNMENTS = 10  # curricula: my assignments with due dates and status
MY_COURSES = 20  # courses: courses in progress
SESSIONS = 30  # scheduling: my upcoming sessions
CALENDAR = 40  # scheduling: my calendar feed
CERTIFICATES = 50  # certificates: my certificates
COMPLETED = 60  # courses: completed courses


@dataclass(frozen=True)
class Panel:
    template_name: str
    context_fn: Callable
    order: int


_panels: dict[str, Panel] = {}


def register_panel(template_name: str, context_fn: Callable, order: int = 100) -> None:
    _panels[template_name] = Panel(template_name=template_name, context_fn=context_fn, order=order)


def unregister_panel(template_name: str) -> None:
    _panels.pop(template_name, None)


def registered_panels() -> list[Panel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.template_name))


def render_panels(request) -> list[SafeString]:
    """The dashboard's panels, rendered, in order."""
    rendered = []
    for panel in registered_panels():
        context = panel.context_fn(request)
        if context is None:
            continue
        rendered.append(render_to_string(panel.template_name, context, request=request))
    return rendered
