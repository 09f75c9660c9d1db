"""Demo of the equity office's programme, beside `lms.demo.scheduling`: the monthly open training, a
workshop series, a public community dialogue, a reading circle with its page, a few registrations
and a waitlist place for `employee`, and a pending training request from `head`.

Data: `programme` in data/sessions.json (series, the employee's places, the request), the community
dialogue's course in data/courses.en.json and the reading circle pages in data/pages.en.json.
Series, registrations and the request go through `courses.scheduling.services` and its requests
app's services. The dialogue's course and its live module, the reading circle pages and the cover
image have no service: they are created with their models (`full_clean()` first; Wagtail validates
pages as they are added).

Idempotent: series are found by a fixed UID, pages by slug, registrations by person and session,
the request by requester and topic. No e-mails are sent.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.models import HomePage, ReadingCirclePage, ReadingCirclesIndexPage
from courses.catalogue.models import Course, LiveSessionModule
from courses.people.models import Employee
from courses.scheduling import services
from courses.scheduling.exceptions import FacilitatorDoubleBooked, SchedulingError
from courses.scheduling.models import Registration, SessionSeries
from courses.scheduling.requests import services as requests
from courses.scheduling.requests.models import TrainingRequest

from . import loader
from .scheduling import series_fix_uid, series_values

RUNNERS = ("facilitator", "trainingadmin")  # the role accounts that can run a series


def programme():
    return loader.load("sessions")["programme"]


def seed(demo):
    data = programme()
    users = demo.users
    runners = {name: users.get(name) for name in RUNNERS}
    if not any(runners.values()):
        demo.say("Programme: skipped (no facilitator or training admin account).")
        return
    _dialogue_course(demo)
    series_by_course = {}
    with translation.override("en"):
        for spec in data["series"]:
            course = demo.courses.get(spec["course"]) or Course.objects.filter(slug=spec["course"]).first()
            runner = runners.get(spec["runner"]) or next(user for user in runners.values() if user)
            if course is None:
                continue
            series = SessionSeries.objects.filter(uid=spec["uid"]).first()
            if series is None:
                series = _create_series(spec, course, runner, runners, data["time_zone"])
                if series is None:
                    demo.say(f"Programme: could not schedule {spec['course']}.")
                    continue
            else:
                services.series_materialize(series_id=series.pk)
            series_by_course[spec["course"]] = series
        _registrations(demo, series_by_course, data["employee_places"])
        pages = [_circle_page(spec, series_by_course.get(spec["course"])) for spec in _circles()["circles"]]
    count = _training_request(demo, data["training_request"])
    demo.say(
        f"Programme: {len(series_by_course)} series (monthly open training, workshop, community dialogue, "
        f"reading circle{' with its page' if any(pages) else ''}), {count} pending training request."
    )


def _dialogue_course(demo):
    """A course for the community dialogues: the courses demo has none."""
    spec = loader.load("courses.en")["community_dialogue"]
    course = Course.objects.filter(slug=spec["slug"]).first()
    if course is None:
        course = Course(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            format=spec["format"],
            estimated_minutes=spec["estimated_minutes"],
            is_published=True,
        )
        course.full_clean()
        course.save()
        module = LiveSessionModule(course=course, **spec["live_module"])
        module.full_clean()
        module.save()
    demo.courses.setdefault(spec["slug"], course)
    return course


def _create_series(spec, course, runner, runners, time_zone):
    values = series_values(spec)
    start = timezone.localdate().replace(day=1)
    candidates = [runner] + [user for user in runners.values() if user and user != runner]
    for person in candidates:
        try:
            with transaction.atomic():
                series = services.series_create(
                    created_by=person,
                    course=course,
                    facilitators=[person],
                    start_date=start if "COUNT" not in spec["rrule"] else timezone.localdate(),
                    time_zone=time_zone,
                    **values,
                )
                series_fix_uid(series, spec["uid"])
                series.refresh_from_db()
                return series
        except FacilitatorDoubleBooked:
            continue
    return None


def _book(session, user):
    if session is None or user is None:
        return None
    existing = session.registrations.filter(user=user).exclude(state=Registration.State.CANCELLED).first()
    if existing is not None:
        return existing
    try:
        return services.registration_create(session=session, user=user, notify=False)
    except SchedulingError:
        return None


def _registrations(demo, series_by_course, places):
    """`employee` booked at the next meeting of one series and every meeting of another (the reading
    circle), waitlisted at a full workshop (filled by colleagues). `places` names their courses."""
    employee = demo.users.get("employee")
    if employee is None:
        return
    soon = timezone.now() + datetime.timedelta(days=3)

    def first_open(slug):
        """The series' first meeting after `soon` that does not clash with the employee's other places."""
        series = series_by_course.get(slug)
        if series is None:
            return None
        taken = Registration.objects.filter(user=employee, state__in=Registration.ACTIVE).exclude(
            session__series=series
        )
        for session in series.sessions.filter(starts_at__gt=soon, status="scheduled").order_by("starts_at"):
            clash = taken.filter(session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
            if not clash.exists():
                return session
        return None

    _book(first_open(places["next_meeting"]), employee)
    every = series_by_course.get(places["every_meeting"])
    if every is not None:
        for session in every.sessions.filter(starts_at__gt=timezone.now() + datetime.timedelta(hours=3)):
            _book(session, employee)
    workshop = first_open(places["waitlisted"])
    if workshop is not None and not workshop.registrations.filter(user=employee).exists():
        runners = list(workshop.facilitators.values_list("pk", flat=True))
        colleagues = (
            Employee.objects.filter(active=True)
            .exclude(user_id__in=[employee.pk, *runners])
            .select_related("user")
            .order_by("employee_number")
        )
        for colleague in colleagues[: workshop.capacity]:
            _book(workshop, colleague.user)
        _book(workshop, employee)


def _circles():
    return loader.load("pages.en")["reading_circles"]


def _cover_image(spec, author):
    """A plain generated cover (title and author on a coloured ground): no publisher artwork."""
    model = get_image_model()
    existing = model.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    picture = Image.new("RGB", (400, 600), (38, 70, 83))
    draw = ImageDraw.Draw(picture)
    large, small = ImageFont.load_default(size=34), ImageFont.load_default(size=24)
    y = 150
    for line in spec["lines"]:
        draw.text((40, y), line, fill=(244, 162, 97), font=large)
        y += 50
    draw.text((40, 480), author, fill=(255, 255, 255), font=small)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = model(title=spec["title"], file=ImageFile(buffer, name=spec["file_name"]))
    image.full_clean()
    image.save()
    return image


def _circle_page(spec, series):
    if series is None:
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else HomePage.objects.first()
    if not isinstance(home, HomePage):
        return None
    index_spec = _circles()["index"]
    index = ReadingCirclesIndexPage.objects.child_of(home).filter(slug=index_spec["slug"]).first()
    if index is None:
        index = ReadingCirclesIndexPage(title=index_spec["title"], slug=index_spec["slug"], intro=index_spec["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    page = ReadingCirclePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is not None:
        return page
    page = ReadingCirclePage(
        title=spec["title"],
        slug=spec["slug"],
        book_title=spec["book_title"],
        book_author=spec["book_author"],
        cover=_cover_image(spec["cover"], spec["book_author"]),
        cover_alt=spec["cover"]["alt"],
        description=spec["description"],
        series=series,
        discussion_guide=[{"type": "meeting", "value": meeting} for meeting in spec["discussion_guide"]],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _training_request(demo, spec) -> int:
    head = demo.users.get(spec["requester"])
    department = demo.departments.get(spec["department"])
    if head is None or department is None:
        return 0
    if not TrainingRequest.objects.filter(requested_by=head, topic=spec["topic"]).exists():
        first_of_month = timezone.localdate().replace(day=1)
        months = [
            (first_of_month + datetime.timedelta(days=32 * n)).strftime("%Y-%m") for n in spec["preferred_months_ahead"]
        ]
        requests.request_create(
            requester=head,
            department=department,
            topic=spec["topic"],
            audience_size=spec["audience_size"],
            preferred_months=months,
            language=spec["language"],
            notes=spec["notes"],
            notify=False,
        )
    return TrainingRequest.objects.filter(requested_by=head, status=TrainingRequest.Status.SUBMITTED).count()
