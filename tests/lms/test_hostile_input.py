"""No input, however hostile, gives a server error (DESIGN.md). Walks every URL pattern the resolver
knows, so a new view is covered without editing this file: as anonymous and as each role, with hostile
values in each path parameter, in common query parameters and in every field of each form the view
renders. Every 500 is collected and reported together, with the request that caused it.

Bounded on purpose: hostile values are sampled per parameter (rotating through HOSTILE by a counter),
never the full cross product, and the Wagtail admin's patterns are sent their forms only by the roles
that may open them."""

import html.parser
import itertools
import re
import traceback
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from wagtail.models import Page

from courses.catalogue import services as catalogue
from courses.insights import services as insights
from courses.scheduling import services as scheduling
from courses.scheduling.requests import services as requests
from tests.certificates.factories import issued_certificate
from tests.cms import factories as cms
from tests.courses.factories import course_with_every_kind, enrolled, learner, wrong_answers
from tests.curricula.factories import city_with_compliance
from tests.factories import EmployeeFactory, UserFactory, facilitator, training_admin
from tests.insights.factories import answer
from tests.scheduling.factories import SessionFactory, registration

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
HOSTILE = [
    NUL,
    "x" * 5000,
    "99999999999999999999999",
    "-1",
    "abc",
    "0001-01-01",
    "9999-12-31",
    '"equity',
    "\u202eevil\u0301\u0308\u200f",
    "0",
    "9999-12-31T23:59",
    "1e309",
    "../../etc/passwd",
    "'; DROP TABLE x; --",
    "<script>x</script>",
    "%ff",
]
INVALID_UTF8 = b"employee_number,first_name\n\xff\xfe\x00bad,\xc3\x28\n"
QUERY_PARAMS = ["q", "p", "page", "when", "date", "from", "to", "department", "state", "ordering", "next", "code", "id"]
PATH_VALUES = {
    "int": ["99999999999999999999999", "0", "2147483648"],
    "slug": ["x" * 3000, "-", "a_b"],
}


def _hostile(counter):
    return HOSTILE[next(counter) % len(HOSTILE)]


# The URL patterns ----------------------------------------------------------------------------------


@dataclass
class Pattern:
    route: str  # e.g. "sessions/<int:pk>/" with every include's prefix
    name: str  # namespaced name, or the route when unnamed
    converters: dict[str, str]  # parameter -> converter name

    @property
    def is_admin(self):
        return self.route.startswith(("admin/", "documents/"))


_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _as_route(text):
    """A regex pattern (Wagtail keeps a few) written as a route: each group becomes a parameter."""
    if "^" not in text and "(" not in text:
        return text
    out, depth, start, index, count = [], 0, 0, 0, itertools.count()
    text = text.replace("^", "").replace("$", "")
    for position, char in enumerate(text):
        if char == "(" and (position == 0 or text[position - 1] != "\\"):
            if depth == 0:
                out.append(text[start:position])
                index = position
            depth += 1
        elif char == ")" and text[position - 1] != "\\":
            depth -= 1
            if depth == 0:
                group = text[index : position + 1]
                named = re.match(r"\(\?P<(\w+)>", group)
                converter = "int" if "\\d" in group and "live" not in group else "path"
                out.append(f"<{converter}:{named[1] if named else f'_group{next(count)}'}>")
                start = position + 1
    out.append(text[start:])
    route = "".join(out).replace(".*", "<path:_rest>").replace("\\.", ".")
    return route.replace("\\", "")


def all_patterns():
    found = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, prefix + route, ns)
            elif isinstance(entry, URLPattern):
                full = _as_route(prefix + route)
                converters = {m["name"]: m["conv"] or "str" for m in _PARAM.finditer(full)}
                name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or full)
                found.append(Pattern(full, name, converters))

    walk(get_resolver().url_patterns, "", "")
    return found


def _fill(route, values):
    """The route with each parameter replaced; regex patterns (^…$) lose their anchors."""
    return "/" + _PARAM.sub(lambda m: quote(str(values[m["name"]]), safe="/" if m["conv"] == "path" else ""), route)


# Forms on a page -----------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, input type)
    defaults: dict[str, str] = field(default_factory=dict)  # what a browser would send untouched


class FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._current = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        form, name = self._current, attrs.get("name")
        if tag == "form":
            self._current = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            self.forms.append(self._current)
        elif tag == "option" and form is not None and self._select:
            if self._select not in form.defaults or "selected" in attrs:
                form.defaults[self._select] = attrs.get("value", "")
        elif tag in {"input", "select", "textarea"} and form is not None and name:
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind in {"submit", "button", "image", "reset"}:
                return
            form.fields.append((name, kind))
            if tag == "select":
                self._select = name
            elif tag == "textarea":
                self._textarea = name
                form.defaults[name] = ""
            elif kind not in {"checkbox", "radio", "file"} or "checked" in attrs:
                form.defaults.setdefault(name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else ""))

    def handle_data(self, data):
        if self._textarea and self._current is not None:
            self._current.defaults[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_in(response):
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser()
    parser.feed(response.content.decode("utf-8", "replace"))
    return parser.forms


BY_KIND = {
    "date": ["0001-01-01", "9999-12-31", "2026-02-30", NUL],
    "time": ["24:00", "23:59:60", "99:99", NUL],
    "datetime-local": ["0001-01-01T00:00", "9999-12-31T23:59", NUL],
    "number": ["99999999999999999999999", "-1", "1e309", "abc"],
    "email": ["x" * 300 + "@example.org", "a@b", NUL],
    "select": ["abc", "99999999999999999999999", "-1", NUL],
    "hidden": ["abc", "99999999999999999999999", NUL, "-1"],
}


def _hostile_for(kind, counter):
    values = BY_KIND.get(kind, HOSTILE)
    return values[next(counter) % len(values)]


def _value(kind, hostile):
    if kind == "file":
        return SimpleUploadedFile("hostile.csv", INVALID_UTF8, content_type="text/csv")
    return hostile


def hostile_submissions(form, counter, limit):
    """First every field hostile at once; then the form as a browser would send it untouched, with one
    field at a time made hostile (so a bad date is not hidden behind another field's error)."""
    fields = [(name, kind) for name, kind in form.fields if name != "csrfmiddlewaretoken"]
    yield {name: _value(kind, _hostile_for(kind, counter)) for name, kind in fields}
    seen = set()
    for name, kind in fields:
        if name in seen or len(seen) >= limit:
            continue
        seen.add(name)
        data = {key: value for key, value in form.defaults.items() if key != "csrfmiddlewaretoken"}
        data[name] = _value(kind, _hostile_for(kind, counter))
        yield data


# The world the walk runs in ------------------------------------------------------------------------


def build_world(site_root):
    course, modules = course_with_every_kind(live_session=True, title="Foundations", slug="foundations")
    index = cms.course_index(site_root)
    cms.course_page(index, course)
    hub = cms.resource_hub(site_root)
    cms.resource_page(hub, title="Equity glossary", summary="Words.")
    employee = learner(user__username="learner")
    enrollment = enrolled(employee, course)
    attempt = catalogue.quiz_submit(
        enrollment=enrollment,
        quiz=modules["quiz"],
        answers={k.removeprefix("question-"): v for k, v in wrong_answers(modules["quiz"]).items()},
    )
    certificate = issued_certificate(user=employee, course=course)
    city = city_with_compliance()
    runner = facilitator(username="runner")
    now = timezone.now()
    session = SessionFactory(
        course=course,
        starts_at=now - timezone.timedelta(minutes=10),
        ends_at=now + timezone.timedelta(hours=1),
        facilitators=[runner],
        is_public=True,
    )
    registration(session, user=employee)
    admin = training_admin(username="trainingadmin")
    editor = UserFactory(username="editor", groups=[settings.EDITORS_GROUP])
    analyst = UserFactory(username="analyst", groups=[settings.EQUITY_ANALYSTS_GROUP])
    # Some answers and the nightly snapshot, so the insights pages show figures, not "being prepared".
    for number in range(6):
        answer(EmployeeFactory(department=city["parks"]).user, "hispanic" if number % 2 else "white")
    insights.insights_snapshot_build()
    series = scheduling.series_create(
        created_by=runner,
        course=course,
        facilitators=[runner],
        start_date=timezone.localdate() + timezone.timedelta(days=1),
        start_time=timezone.datetime(2000, 1, 1, 12).time(),
        end_time=timezone.datetime(2000, 1, 1, 13).time(),
        rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=2",
        time_zone="America/Denver",
        room="Main Library",
        capacity=8,
    )
    request = requests.request_create(
        requester=city["head"],
        department=city["parks"],
        topic="Language access",
        audience_size=20,
        preferred_months=[(timezone.localdate() + timezone.timedelta(days=62)).strftime("%Y-%m")],
        notes="",
    )
    token = scheduling.calendar_token_regenerate(user=employee)
    assignment = employee.assignments.first() if hasattr(employee, "assignments") else None
    plausible = {
        "slug": course.slug,
        "module_id": modules["quiz"].pk,
        "attempt_id": attempt.pk,
        "department_id": city["parks"].pk,
        "employee_id": employee.employee.pk,
        "assignment_id": assignment.pk if assignment else 1,
        "code": certificate.display_code,
        "token": token.token,
        "app_label": "scheduling",
        "model_name": "session",
        "page_id": site_root.pk,
        "parent_page_id": site_root.pk,
    }
    by_namespace = {
        "training_requests": request.pk,
        "scheduling:facilitate_series": series.pk,
        "scheduling:facilitate_series_edit": series.pk,
        "scheduling:series_ics": series.pk,
        "scheduling:series_register": series.pk,
        "scheduling:series_leave": series.pk,
    }
    users = {
        "anonymous": None,
        "employee": employee,
        "department head": city["head"],
        "facilitator": runner,
        "training admin": admin,
        "editor": editor,
        "equity analyst": analyst,
    }
    return plausible, by_namespace, session, users


def plausible_values(pattern, plausible, by_name, session):
    values = {}
    for name, converter in pattern.converters.items():
        if name in plausible:
            values[name] = plausible[name]
        elif name == "pk":
            values[name] = next(
                (pk for prefix, pk in by_name.items() if pattern.name.startswith(prefix)),
                session.pk if pattern.name.startswith("scheduling") else 1,
            )
        elif converter == "int" or name.endswith(("id", "pk")):
            values[name] = 1
        elif converter == "path":
            values[name] = ""
        else:
            values[name] = "x"
    return values


# The walk ------------------------------------------------------------------------------------------


@dataclass
class Walk:
    client: Client
    role: str
    failures: list = field(default_factory=list)
    requests: int = 0

    def send(self, method, url, data=None, query=None):
        self.requests += 1
        if query:
            url = f"{url}?{query}"
        try:
            response = self.client.post(url, data or {}) if method == "post" else self.client.get(url)
        except Exception as error:  # the client re-raises what the view raised: that is the 500
            trace = "".join(traceback.format_exception(error))[-1500:]
            self.failures.append((self.role, method.upper(), url[:200], trace))
            return None
        if response.status_code >= 500:
            self.failures.append((self.role, method.upper(), url[:200], f"status {response.status_code}"))
        return response


def walk_pattern(walk, pattern, user, world, counter, admin_role):
    plausible, by_name, session, _users = world
    client = walk.client
    cache.clear()  # rate limits must not hide a view behind a 429
    if user is not None:
        client.force_login(user)
    values = plausible_values(pattern, plausible, by_name, session)
    url = _fill(pattern.route, values)
    query = urlencode({name: _hostile(counter) for name in QUERY_PARAMS[next(counter) % 4 :: 4]})
    response = walk.send("get", url, query=query)
    # Hostile path values: one per parameter, rotating through what its converter accepts.
    if pattern.converters:
        hostile = {
            name: PATH_VALUES.get(conv, HOSTILE)[next(counter) % len(PATH_VALUES.get(conv, HOSTILE))]
            for name, conv in pattern.converters.items()
        }
        walk.send("get", _fill(pattern.route, hostile))
    if pattern.is_admin and not admin_role:
        return
    if response is None:
        return
    plain = walk.send("get", url) if response.status_code == 200 else response
    for form in forms_in(plain)[:3]:
        target = form.action or url
        if target.startswith("http"):
            parts = urlsplit(target)
            if parts.netloc not in {"testserver", ""}:
                continue
            target = parts.path
        try:
            resolve(urlsplit(target).path)
        except Resolver404:
            continue
        for data in hostile_submissions(form, counter, limit=3 if pattern.is_admin else 12):
            if form.method == "post":
                walk.send("post", target, data=data)
            else:
                fields = {name: value for name, value in data.items() if isinstance(value, str)}
                walk.send("get", urlsplit(target).path, query=urlencode(fields))


def with_cms_pages(patterns):
    """Wagtail's catch-all pattern once per live page, so each page type's own handling of the query
    (the resource hub's search, for one) is walked too."""
    for pattern in patterns:
        yield pattern
        if pattern.name == "wagtail_serve":
            for page in Page.objects.live().exclude(depth=1):
                path = urlsplit(page.get_url() or "/").path.lstrip("/")
                yield Pattern(path, f"wagtail_serve:{path}", {})


def walk_role(role, user, patterns, world):
    client = Client(raise_request_exception=True)
    walk = Walk(client, role)
    counter = itertools.count()
    admin_role = role in {"training admin", "editor"}
    for pattern in with_cms_pages(patterns):
        if pattern.name in DELIBERATE_ERRORS:
            continue
        # Each pattern's requests are undone afterwards: a form that deletes the home page must not
        # hide the pages after it, and an error that aborts a PostgreSQL transaction stays in its pattern.
        with transaction.atomic():
            walk_pattern(walk, pattern, user, world, counter, admin_role)
            transaction.set_rollback(True)
    return walk


# Wagtail's deliberate error, there to test that server errors reach the logs.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}
ROLES = ["anonymous", "employee", "department head", "facilitator", "training admin", "editor", "equity analyst"]


@pytest.mark.parametrize("role", ROLES)
def test_no_input_gives_a_server_error(role, site_root):
    world = build_world(site_root)
    patterns = all_patterns()
    walk = walk_role(role, world[3][role], patterns, world)
    assert walk.requests > len(patterns), "the walk sent fewer requests than there are URL patterns"
    report = "\n\n".join(" ".join(failure[:3]) + "\n" + failure[3] for failure in walk.failures)
    assert not walk.failures, f"{len(walk.failures)} server errors as {role}:\n{report}"


def test_the_walk_covers_every_view_of_the_project():
    names = {pattern.name for pattern in all_patterns()}
    for expected in ("scheduling:roster_walk_in", "learn:reflection_save", "certificates:verify", "healthz"):
        assert expected in names
