"""Reads for certificate pages, PDFs and the admin."""

import datetime
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from wagtail.models import Site

from courses.catalogue.models import CourseCompletion
from courses.curricula.selectors import certification_expiries_for, certification_expiry_for
from courses.people.models import Employee
from courses.people.roles import employee_of

from . import codes
from .models import DEFAULT_COLOUR, DEFAULT_ISSUER, DEFAULT_ORGANISATION, Certificate, CertificateSettings


def certification_expiry(*, user_id: int, course_id: int, completed_at: datetime.datetime) -> datetime.date | None:
    """When a certificate for this course completion expires: the recertification rule of the holder's
    curricula decides. The one place certificates ask about expiry."""
    return certification_expiry_for(user_id=user_id, course_id=course_id, completed_at=completed_at)


def holder_language(user) -> str:
    """The language certificates, transcripts and e-mails for `user` are written in: the employee's
    preferred language, else English."""
    employee = employee_of(user)
    return (employee.preferred_language if employee else "") or "en"


def certification_expiries(completions: list) -> list:
    """certification_expiry of each of `completions` ((user id, course id, completed_at)), in their
    order, read in bulk."""
    return certification_expiries_for(completions)


def holder_languages(user_ids) -> dict:
    """holder_language of many people at once: user id → language (English for anyone not listed)."""
    languages = dict(Employee.objects.filter(user_id__in=user_ids).values_list("user_id", "preferred_language"))
    return {user_id: languages.get(user_id) or "en" for user_id in user_ids}


def hours_from_minutes(minutes: int) -> Decimal:
    return (Decimal(minutes or 0) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Branding:
    """What the site's CertificateSettings say, with defaults when nothing is set."""

    organisation_name: str = DEFAULT_ORGANISATION
    issuer: str = DEFAULT_ISSUER
    primary_colour: str = DEFAULT_COLOUR
    signatory_name: str = ""
    signatory_title: str = ""
    logo: object = None  # a Wagtail image, or None


def branding_for(site: Site | None = None) -> Branding:
    """The certificate branding of `site`, or of the default site. Never raises for a missing site or
    setting: certificates are issued by background tasks that have no request."""
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Branding()
    setting = CertificateSettings.objects.filter(site=site).select_related("logo").first()
    if setting is None:
        return Branding()
    return Branding(
        organisation_name=setting.organisation_name or DEFAULT_ORGANISATION,
        issuer=setting.issuer or DEFAULT_ISSUER,
        primary_colour=setting.primary_colour or DEFAULT_COLOUR,
        signatory_name=setting.signatory_name,
        signatory_title=setting.signatory_title,
        logo=setting.logo,
    )


def certificates_of(user) -> QuerySet[Certificate]:
    """A holder's certificates, newest first."""
    return Certificate.objects.filter(holder=user).select_related("course").order_by("-issued_at", "-pk")


def certificate_list(*, search: str = "", course_id=None, state: str = "", today=None) -> QuerySet[Certificate]:
    """Certificates for the admin list: search by code or part of one (typed any way: any case,
    with or without dashes or spaces), by part of the holder's name (as printed or as now) or e-mail,
    or of the title; filter by course and by state (expiry applied)."""
    queryset = Certificate.objects.select_related("course", "holder")
    search = search.strip()[:100]
    if search:
        condition = (
            Q(holder_name__icontains=search)
            | Q(title__icontains=search)
            | Q(holder__email__icontains=search)
            | Q(holder__first_name__icontains=search)
            | Q(holder__last_name__icontains=search)
        )
        fragment = codes.fragment(search)
        if fragment:
            condition |= Q(code__contains=fragment)
        queryset = queryset.filter(condition)
    if course_id:
        queryset = queryset.filter(course_id=course_id)
    if state:
        queryset = filter_by_state(queryset, state, today=today)
    return queryset


def filter_by_state(queryset: QuerySet[Certificate], state: str, *, today=None) -> QuerySet[Certificate]:
    today = today or timezone.localdate()
    State = Certificate.State
    if state == State.VALID:
        return queryset.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today), status=Certificate.Status.VALID)
    if state == State.EXPIRED:
        return queryset.filter(status=Certificate.Status.VALID, expires_on__lt=today)
    if state in (State.REVOKED, State.SUPERSEDED):
        return queryset.filter(status=state)
    return queryset


@dataclass(frozen=True)
class TranscriptRow:
    title: str
    completed_at: datetime.datetime
    hours: object
    certificate: Certificate | None
    kind: str = "course"  # one of KINDS

    @property
    def counts(self) -> bool:
        """Whether the row's hours count in the totals: not when its certificate was revoked."""
        return self.certificate is None or self.certificate.status != Certificate.Status.REVOKED

    @property
    def revoked(self) -> bool:
        return not self.counts


KINDS = ("course", "session", "reading_circle")


def transcript_rows(user, *, language: str | None = None) -> list[TranscriptRow]:
    """Every completion of `user` (oldest first) with the certificate issued for it, every curriculum
    certificate, and every session and reading-circle meeting they attended, with its length as hours.
    A certificate's title is its snapshot; a completion without one shows the course title in
    `language` (default: the holder's), as does a session. Three queries whatever the number of rows."""
    language = language or holder_language(user)
    completions = list(
        CourseCompletion.objects.filter(user=user).select_related("course").order_by("completed_at", "pk")
    )
    certificates = list(Certificate.objects.filter(holder=user).select_related("course").order_by("issued_at", "pk"))
    latest_for_completion: dict[int, Certificate] = {}
    for certificate in certificates:
        if certificate.completion_id is not None:
            # A re-issue replaces the earlier certificate of the same completion.
            latest_for_completion[certificate.completion_id] = certificate
    rows = []
    for completion in completions:
        certificate = latest_for_completion.get(completion.pk)
        rows.append(
            TranscriptRow(
                title=certificate.title if certificate else _title_in(completion.course, language),
                completed_at=completion.completed_at,
                hours=certificate.hours if certificate else hours_from_minutes(completion.course.estimated_minutes),
                certificate=certificate,
            )
        )
    curriculum_latest: dict[str, Certificate] = {}
    for certificate in certificates:
        if certificate.curriculum_id is not None:
            curriculum_latest[certificate.source_key] = certificate
    for certificate in curriculum_latest.values():
        rows.append(
            TranscriptRow(
                title=certificate.title,
                completed_at=certificate.completed_at,
                hours=certificate.hours,
                certificate=certificate,
            )
        )
    rows.extend(_attended_rows(user, language))
    rows.sort(key=lambda row: row.completed_at)
    return rows


def _attended_rows(user, language: str) -> list[TranscriptRow]:
    """The sessions `user` attended; a reading circle's meetings are marked as such."""
    from courses.catalogue.models import Course
    from courses.scheduling.models import Registration

    attended = Registration.objects.filter(user=user, state=Registration.State.ATTENDED).select_related(
        "session", "session__course"
    )
    rows = []
    with translation.override(language):
        for registration in attended:
            session = registration.session
            minutes = max(int((session.ends_at - session.starts_at).total_seconds() // 60), 0)
            circle = session.course.format == Course.Format.READING_CIRCLE
            rows.append(
                TranscriptRow(
                    title=unicodedata.normalize("NFC", session.display_title or ""),
                    completed_at=session.starts_at,
                    hours=hours_from_minutes(minutes),
                    certificate=None,
                    kind="reading_circle" if circle else "session",
                )
            )
    return rows


def transcript_totals(rows: list[TranscriptRow]) -> dict[str, Decimal]:
    """Hours by kind (course, session, reading_circle) and in all ("total"), leaving out rows whose
    certificate was revoked."""
    totals = {kind: Decimal(0) for kind in (*KINDS, "total")}
    for row in rows:
        if row.counts:
            totals[row.kind] += Decimal(row.hours or 0)
            totals["total"] += Decimal(row.hours or 0)
    return totals


def _title_in(course, language: str) -> str:
    with translation.override(language):
        return unicodedata.normalize("NFC", course.title or "")


def has_completions(user) -> bool:
    """Whether `user` has anything for a transcript: a completed course or an attended session."""
    from courses.scheduling.models import Registration

    return (
        CourseCompletion.objects.filter(user=user).exists()
        or Registration.objects.filter(user=user, state=Registration.State.ATTENDED).exists()
    )


PANEL_SIZE = 5


def learn_panel_context(request) -> dict | None:
    """The "My certificates" panel of /learn/ (courses.catalogue.dashboard): the holder's latest certificates
    (with a link to all of them when there are more), and the transcript link. None for someone who
    is neither an employee nor holds a certificate, so the panel is left out for them. At most three
    queries whatever the number of certificates."""
    user = request.user
    certificates = list(certificates_of(user)[: PANEL_SIZE + 1])
    has_transcript = bool(certificates) or has_completions(user)
    if not has_transcript and employee_of(user) is None:
        return None
    return {
        "certificates": certificates[:PANEL_SIZE],
        "more_certificates": len(certificates) > PANEL_SIZE,
        "has_transcript": has_transcript,
    }


def next_step_context(request, course) -> dict | None:
    """The course-complete page's pointer to the certificate for `course` (courses.catalogue.next_steps):
    the holder's current certificate for it (None while the task is still issuing it). One query."""
    certificate = (
        Certificate.objects.filter(holder=request.user, course=course, status=Certificate.Status.VALID)
        .order_by("-issued_at", "-pk")
        .first()
    )
    return {"certificate": certificate}
