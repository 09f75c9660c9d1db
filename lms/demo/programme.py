"""Demo of the equity office's programme, beside scheduling/demo.py: the monthly open training, a
workshop series, a public community dialogue, a reading circle with its page, a few registrations
and a waitlist place for `employee`, and a pending training request from `head`.

Idempotent: series are found by a fixed UID, pages by slug, registrations by person and session,
the request by requester and topic. No e-mails are sent.
"""

import datetime
import io

from django.db import transaction
from django.utils import timezone, translation

from courses.scheduling.exceptions import FacilitatorDoubleBooked, SchedulingError
from courses.scheduling.models import Registration, SessionSeries

ZONE = "America/Denver"
CIRCLE_SLUG = "reading-circle-so-you-want-to-talk-about-race"
DIALOGUE_SLUG = "community-dialogue-race-and-belonging"

PROGRAMME = [
    {
        "uid": "demo-foundations-monthly@commonground",
        "course": "foundations-of-anti-racism",
        "title": "Foundations of Anti-Racism (monthly open training)",
        "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(12, 0),
        "room": "Albuquerque Government Center, Training Room A",
        "video_link": "https://meet.example.org/foundations",
        "capacity": 40,
        "language": "en",
        "runner": "trainingadmin",
    },
    {
        "uid": "demo-implicit-bias-workshop@commonground",
        "course": "understanding-implicit-bias",
        "title": "Implicit bias workshop: slowing down decisions",
        "rrule": "FREQ=MONTHLY;BYDAY=1TH",
        "start_time": datetime.time(14, 0),
        "end_time": datetime.time(16, 0),
        "room": "City Hall, room 301",
        "video_link": "",
        "capacity": 6,
        "language": "en",
        "runner": "facilitator",
    },
    {
        "uid": "demo-community-dialogue@commonground",
        "course": DIALOGUE_SLUG,
        "title": "",
        "rrule": "FREQ=MONTHLY;BYDAY=-1WE",
        "start_time": datetime.time(18, 0),
        "end_time": datetime.time(19, 30),
        "room": "Westside Community Center, main hall",
        "video_link": "",
        "capacity": 60,
        "language": "en",
        "is_public": True,
        "registration_cutoff_hours": 1,
        "runner": "facilitator",
    },
    {
        "uid": "demo-reading-circle-oluo@commonground",
        "course": CIRCLE_SLUG,
        "title": "",
        "rrule": "FREQ=WEEKLY;BYDAY=TH;COUNT=6",
        "start_time": datetime.time(12, 0),
        "end_time": datetime.time(13, 0),
        "room": "Main Library, community room",
        "video_link": "",
        "capacity": 12,
        "language": "en",
        "required_attendances": 4,
        "runner": "facilitator",
    },
]

CIRCLE_DESCRIPTION = """
<p>Ijeoma Oluo's book is organised around the questions people most often hesitate to ask about race:
is this really about race, what is privilege, what does intersectionality mean, why are police
violence and school discipline racial justice issues, what is a microaggression, and what should you
do when someone tells you that something you said was racist. Each chapter mixes her own experience
with history and plain explanations, and ends with practical advice.</p>
<p>In this circle, colleagues from different departments read two or three chapters between meetings and
talk them through with two trained facilitators. Nobody needs to be an expert, and you are not expected
to have finished every chapter. Copies in print, large print, e-book and audiobook can be borrowed
from the library.</p>
"""

GUIDE = [
    (
        "Meeting 1",
        "Introduction and chapters 1–3",
        "<ul><li>When did you first notice that race shaped how you were treated, or how others were?</li>"
        "<li>The author suggests a test for whether something is “about race”. Where in city work could you "
        "apply it?</li></ul>",
    ),
    (
        "Meeting 2",
        "Chapters 4–6",
        "<ul><li>Which of the privileges listed did you recognise in your own life?</li>"
        "<li>How does looking at several identities at once change how we plan a service?</li></ul>",
    ),
    (
        "Meeting 3",
        "Chapters 7–9",
        "<ul><li>What patterns do the chapters on policing and schools have in common?</li>"
        "<li>Which data would show such a pattern in our own department?</li></ul>",
    ),
    (
        "Meeting 4",
        "Chapters 10–12",
        "<ul><li>Why might asking “can I touch your hair” land so differently than intended?</li>"
        "<li>What makes it hard to respond when you witness a microaggression at work?</li></ul>",
    ),
    (
        "Meeting 5",
        "Chapters 13–15",
        "<ul><li>How does the “model minority” idea hide differences between communities?</li>"
        "<li>What helps you listen when someone says you caused harm?</li></ul>",
    ),
    (
        "Meeting 6",
        "Chapters 16–17",
        "<ul><li>Which one change will you make in your own work after this circle?</li>"
        "<li>What would you ask the city to change, and who would you ask?</li></ul>",
    ),
]


def seed(demo):
    from courses.scheduling import services

    users = demo.users
    runners = {name: users.get(name) for name in ("facilitator", "trainingadmin")}
    if not any(runners.values()):
        demo.say("Programme: skipped (no facilitator or training admin account).")
        return
    _dialogue_course(demo)
    series_by_course = {}
    with translation.override("en"):
        for spec in PROGRAMME:
            course = demo.courses.get(spec["course"]) or _course(spec["course"])
            runner = runners.get(spec["runner"]) or next(user for user in runners.values() if user)
            if course is None:
                continue
            series = SessionSeries.objects.filter(uid=spec["uid"]).first()
            if series is None:
                series = _create_series(services, spec, course, runner, runners)
                if series is None:
                    demo.say(f"Programme: could not schedule {spec['course']}.")
                    continue
            else:
                services.series_materialize(series_id=series.pk)
            series_by_course[spec["course"]] = series
        _registrations(demo, series_by_course)
        page = _circle_page(series_by_course.get(CIRCLE_SLUG))
    requests = _training_request(demo)
    demo.say(
        f"Programme: {len(series_by_course)} series (monthly open training, workshop, community dialogue, "
        f"reading circle{' with its page' if page else ''}), {requests} pending training request."
    )


def _course(slug):
    from courses.catalogue.models import Course

    return Course.objects.filter(slug=slug).first()


def _dialogue_course(demo):
    """A course for the community dialogues: the courses demo has none."""
    from courses.catalogue.models import Course, LiveSessionModule

    course, created = Course.objects.get_or_create(
        slug=DIALOGUE_SLUG,
        defaults={
            "title": "Community dialogue: race and belonging in our neighborhoods",
            "summary": (
                "An evening conversation open to residents and city staff alike, in small facilitated "
                "groups: what makes people feel they belong in their neighborhood, and what the city "
                "could do differently. No account is needed to join."
            ),
            "format": Course.Format.DIALOGUE,
            "estimated_minutes": 90,
            "is_published": True,
        },
    )
    if created:
        LiveSessionModule.objects.create(
            course=course, title="Join a dialogue", position=1, required_attendances=1, description=""
        )
    demo.courses.setdefault(DIALOGUE_SLUG, course)
    return course


def _create_series(services, spec, course, runner, runners):
    values = {k: v for k, v in spec.items() if k not in {"uid", "course", "runner"}}
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
                    time_zone=ZONE,
                    **values,
                )
                SessionSeries.objects.filter(pk=series.pk).update(uid=spec["uid"])
                series.refresh_from_db()
                return series
        except FacilitatorDoubleBooked:
            continue
    return None


def _book(services, session, user):
    if session is None or user is None:
        return None
    existing = session.registrations.filter(user=user).exclude(state=Registration.State.CANCELLED).first()
    if existing is not None:
        return existing
    try:
        return services.registration_create(session=session, user=user, notify=False)
    except SchedulingError:
        return None


def _registrations(demo, series_by_course):
    """`employee` booked at the next open training and every circle meeting, waitlisted at a full
    workshop (filled by colleagues)."""
    from courses.people.models import Employee
    from courses.scheduling import services

    employee = demo.users.get("employee")
    if employee is None:
        return
    soon = timezone.now() + datetime.timedelta(days=3)

    def first_open(slug):
        """The series' first meeting after `soon` that does not clash with the employee's other places."""
        series = series_by_course.get(slug)
        if series is None:
            return None
        places = Registration.objects.filter(user=employee, state__in=Registration.ACTIVE).exclude(
            session__series=series
        )
        for session in series.sessions.filter(starts_at__gt=soon, status="scheduled").order_by("starts_at"):
            clash = places.filter(session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
            if not clash.exists():
                return session
        return None

    _book(services, first_open("foundations-of-anti-racism"), employee)
    circle = series_by_course.get(CIRCLE_SLUG)
    if circle is not None:
        for session in circle.sessions.filter(starts_at__gt=timezone.now() + datetime.timedelta(hours=3)):
            _book(services, session, employee)
    workshop = first_open("understanding-implicit-bias")
    if workshop is not None and not workshop.registrations.filter(user=employee).exists():
        runners = list(workshop.facilitators.values_list("pk", flat=True))
        colleagues = (
            Employee.objects.filter(active=True)
            .exclude(user_id__in=[employee.pk, *runners])
            .select_related("user")
            .order_by("employee_number")
        )
        for colleague in colleagues[: workshop.capacity]:
            _book(services, workshop, colleague.user)
        _book(services, workshop, employee)


def _cover_image(title, author):
    """A plain generated cover (title and author on a coloured ground): no publisher artwork."""
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw, ImageFont
    from wagtail.images import get_image_model

    model = get_image_model()
    existing = model.objects.filter(title=f"Cover: {title}").first()
    if existing is not None:
        return existing
    picture = Image.new("RGB", (400, 600), (38, 70, 83))
    draw = ImageDraw.Draw(picture)
    large, small = ImageFont.load_default(size=34), ImageFont.load_default(size=24)
    y = 150
    for line in ("So You Want", "to Talk", "About Race"):
        draw.text((40, y), line, fill=(244, 162, 97), font=large)
        y += 50
    draw.text((40, 480), author, fill=(255, 255, 255), font=small)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return model.objects.create(title=f"Cover: {title}", file=ImageFile(buffer, name="reading-circle-cover.png"))


def _circle_page(series):
    from wagtail.models import Site

    from cms.models import HomePage, ReadingCirclePage, ReadingCirclesIndexPage

    if series is None:
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else HomePage.objects.first()
    if not isinstance(home, HomePage):
        return None
    index = ReadingCirclesIndexPage.objects.child_of(home).filter(slug="reading-circles").first()
    if index is None:
        index = ReadingCirclesIndexPage(
            title="Reading circles",
            slug="reading-circles",
            intro=(
                "<p>Small groups of colleagues read a book on race and equity together, a few chapters at a "
                "time, and talk it over with trained facilitators. Sign up on a circle's page.</p>"
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    page = ReadingCirclePage.objects.child_of(index).filter(slug="so-you-want-to-talk-about-race").first()
    if page is not None:
        return page
    title, author = "So You Want to Talk About Race", "Ijeoma Oluo"
    page = ReadingCirclePage(
        title="Reading circle: So You Want to Talk About Race",
        slug="so-you-want-to-talk-about-race",
        book_title=title,
        book_author=author,
        cover=_cover_image(title, author),
        cover_alt="",
        description=CIRCLE_DESCRIPTION.strip(),
        series=series,
        discussion_guide=[
            {"type": "meeting", "value": {"title": name, "reading": reading, "questions": questions}}
            for name, reading, questions in GUIDE
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _training_request(demo) -> int:
    from courses.scheduling.requests import services as requests
    from courses.scheduling.requests.models import TrainingRequest

    head = demo.users.get("head")
    department = demo.departments.get("planning")
    if head is None or department is None:
        return 0
    topic = "Equitable community engagement for the west side plan"
    if not TrainingRequest.objects.filter(requested_by=head, topic=topic).exists():
        today = timezone.localdate()
        months = [(today.replace(day=1) + datetime.timedelta(days=32 * n)).strftime("%Y-%m") for n in (2, 3)]
        requests.request_create(
            requester=head,
            department=department,
            topic=topic,
            audience_size=18,
            preferred_months=months,
            language="en",
            notes="Most of the planners are in the field on Mondays. Two colleagues prefer Spanish materials.",
            notify=False,
        )
    return TrainingRequest.objects.filter(requested_by=head, status=TrainingRequest.Status.SUBMITTED).count()
