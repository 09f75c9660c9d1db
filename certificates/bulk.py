"""Writes: issuing many certificates at once (a chunk of an import, a bulk evaluation's
certifications). Each is the certificate the single path in `services` would issue, with a few
queries for them all."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from courses.catalogue.models import Course, CourseCompletion
from courses.curricula.models import Assignment, CertificationRecord

from . import codes, services
from .models import Certificate, CertificateEvent
from .selectors import branding_for, certification_expiries, filter_by_state, holder_languages, hours_from_minutes

logger = logging.getLogger(__name__)

# Fields a bulk issue reads from rows it has just loaded: full_clean need not query them one by one.
_RELATIONS = ["holder", "course", "completion", "curriculum", "curriculum_assignment", "replaces", "superseded_by"]


@transaction.atomic
def certificates_issue_for_completions(*, completion_ids, notify: bool = True) -> int:
    """Issue the certificates of many course completions (a chunk of an import) at once: each one is
    the certificate services.certificate_issue_for_completion would issue — same snapshot, expiry, audit event
    and superseding, as if the completions were issued one after another in id order — with a few
    queries for them all instead of several per completion. Idempotent: completions already
    certified (or deleted) are skipped. If another worker certifies one of them meanwhile, the
    database refuses the bulk insert and they are issued one at a time instead. As there,
    certificates of imported completions are issued quietly; others e-mail their holders. Returns
    how many certificates were issued."""
    keys = {f"completion:{completion_id}" for completion_id in completion_ids}
    done = set(
        Certificate.objects.filter(source_key__in=keys, replaces__isnull=True).values_list("source_key", flat=True)
    )
    wanted = [int(key.split(":")[1]) for key in keys - done]
    completions = list(CourseCompletion.objects.select_related("user", "course").filter(pk__in=wanted).order_by("pk"))
    if not completions:
        return 0
    languages = holder_languages({completion.user_id for completion in completions})
    expiries = certification_expiries(
        [(completion.user_id, completion.course_id, completion.completed_at) for completion in completions]
    )
    branding = branding_for()
    today = timezone.localdate()
    titles = {}
    certificates = []
    for completion, expires_on in zip(completions, expiries, strict=True):
        language = languages[completion.user_id]
        if (completion.course_id, language) not in titles:
            titles[completion.course_id, language] = services.course_title_in(completion.course, language)
        certificate = Certificate(
            holder=completion.user,
            course=completion.course,
            completion=completion,
            source_key=f"completion:{completion.pk}",
            completed_at=completion.completed_at,
            issued_on=today,
            expires_on=expires_on,
            code=codes.generate(),
            **services._snapshot(
                holder=completion.user,
                title=titles[completion.course_id, language],
                hours=hours_from_minutes(completion.course.estimated_minutes),
                language=language,
                branding=branding,
            ),
        )
        certificates.append(certificate)
    if not _insert_all(certificates, subject="course_id"):
        logger.info("Bulk certificate issue met a certificate issued meanwhile; issuing one at a time")
        for completion in completions:
            services.certificate_issue_for_completion(completion_id=completion.pk, notify=notify)
        return len(completions)
    if notify:
        for certificate, completion in zip(certificates, completions, strict=True):
            if completion.source != services.IMPORTED:
                services._queue_notification(certificate)
    return len(certificates)


def _insert_all(certificates: list, *, subject: str) -> bool:
    """Check and insert the new `certificates` (in the order they are issued) with their audit events,
    superseding what they replace (`subject`: "course_id" or "curriculum_id"). False, with nothing
    written, when the database refuses one of them (another worker issued it meanwhile): the caller
    then issues them one at a time."""
    for certificate in certificates:
        # Uniqueness (code, one certificate per source) is the database's to refuse, below.
        certificate.full_clean(exclude=_RELATIONS, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            Certificate.objects.bulk_create(certificates, batch_size=500)
    except IntegrityError:
        return False
    events = [
        CertificateEvent(certificate=certificate, action=CertificateEvent.Action.ISSUED) for certificate in certificates
    ]
    events += _supersede_earlier_in_bulk(certificates, subject=subject)
    CertificateEvent.objects.bulk_create(events, batch_size=1000)
    return True


def _supersede_earlier_in_bulk(certificates: list, *, subject: str) -> list:
    """_supersede_earlier for each of the new `certificates` (a batch, in the order they are issued),
    with one read of the valid certificates their holders hold for their courses (`subject`
    "course_id") or curricula ("curriculum_id"): the outcome is the one of superseding after each
    issue in turn. Saves what changed; returns the audit events to record."""

    def key(certificate):
        return certificate.holder_id, getattr(certificate, subject)

    pairs = {key(certificate) for certificate in certificates}
    valid = {}
    for other in (
        Certificate.objects.select_for_update()
        .filter(
            holder_id__in={holder_id for holder_id, _subject_id in pairs},
            **{f"{subject}__in": {subject_id for _holder_id, subject_id in pairs}},
            status=Certificate.Status.VALID,
        )
        .exclude(pk__in=[certificate.pk for certificate in certificates])
        .order_by("completed_at", "issued_at", "pk")
    ):
        if key(other) in pairs:
            valid.setdefault(key(other), []).append(other)
    if not valid and len(pairs) == len(certificates):
        return []  # one new certificate per holder and course, and nothing earlier: nothing to supersede
    now = timezone.now()
    changed, events = {}, []

    def supersede(certificate, by):
        certificate.transition(Certificate.Status.SUPERSEDED, when=now)
        certificate.superseded_by = by
        changed[certificate.pk] = certificate
        events.append(
            CertificateEvent(certificate=certificate, action=CertificateEvent.Action.SUPERSEDED, note=by.code)
        )

    for certificate in certificates:
        others = valid.setdefault(key(certificate), [])
        newer = [other for other in others if other.completed_at > certificate.completed_at]
        if newer:
            supersede(certificate, newer[-1])
            continue
        for other in others:
            supersede(other, certificate)
        others[:] = [certificate]
    # One UPDATE per certificate that supersedes others: bulk_update's CASE over thousands of rows
    # took seconds per batch.
    by_successor = {}
    for certificate in changed.values():
        by_successor.setdefault(certificate.superseded_by_id, []).append(certificate.pk)
    for successor_id, pks in by_successor.items():
        Certificate.objects.filter(pk__in=pks).update(
            status=Certificate.Status.SUPERSEDED, status_changed_at=now, superseded_by_id=successor_id
        )
    return events


@transaction.atomic
def certificates_issue_for_curricula(*, certifications, notify: bool = True) -> int:
    """Issue the certificates of many curriculum certifications ((assignment id, completed_at) pairs,
    announced together by a bulk evaluation, e.g. after an import) at once: each one is the
    certificate services.certificate_issue_for_curriculum_assignment would issue — same snapshot, title in
    the holder's language, hours, recorded expiry, audit event and superseding, as if the pairs were
    issued one after another in the order given — with a few queries for them all. Idempotent:
    certifications already certified, and assignments that no longer exist, are skipped. If another
    worker certifies one of them meanwhile, the database refuses the bulk insert and they are issued
    one at a time instead.

    With `notify`, holders hear of the certificates that are current once the batch is issued (valid
    and not yet expired: at most one per assignment, the latest cycle; history a replay superseded,
    or that has already expired, is issued quietly), in bulk e-mail tasks of NOTIFICATIONS_PER_TASK
    messages over one connection each. Returns how many certificates were issued."""
    wanted = {}
    for assignment_id, completed_at in certifications:
        wanted.setdefault(services._curriculum_source_key(assignment_id, completed_at), (assignment_id, completed_at))
    done = set(
        Certificate.objects.filter(source_key__in=wanted, replaces__isnull=True).values_list("source_key", flat=True)
    )
    assignments = Assignment.objects.select_related("curriculum", "user").in_bulk(
        {assignment_id for key, (assignment_id, _at) in wanted.items() if key not in done}
    )
    todo = [
        (key, assignments[assignment_id], completed_at)
        for key, (assignment_id, completed_at) in wanted.items()
        if key not in done and assignment_id in assignments
    ]
    if not todo:
        return 0
    user_ids = {assignment.user_id for _key, assignment, _at in todo}
    curriculum_ids = {assignment.curriculum_id for _key, assignment, _at in todo}
    languages = holder_languages(user_ids)
    recorded = {}
    for assignment_id, completed_at, expires_on in CertificationRecord.objects.filter(
        assignment_id__in={assignment.pk for _key, assignment, _at in todo}
    ).values_list("assignment_id", "completed_at", "expires_on"):
        recorded.setdefault((assignment_id, completed_at), expires_on)
    minutes_of = {}  # curriculum id → {course id: estimated minutes}
    for curriculum_id, course_id, minutes in Course.objects.filter(curricula__in=curriculum_ids).values_list(
        "curricula", "pk", "estimated_minutes"
    ):
        minutes_of.setdefault(curriculum_id, {})[course_id] = minutes
    first_completed = {}  # (user id, course id) → the earliest completion
    for user_id, course_id, completed_at in CourseCompletion.objects.filter(
        user_id__in=user_ids, course_id__in={course for courses in minutes_of.values() for course in courses}
    ).values_list("user_id", "course_id", "completed_at"):
        if (user_id, course_id) not in first_completed or completed_at < first_completed[user_id, course_id]:
            first_completed[user_id, course_id] = completed_at
    branding = branding_for()
    today = timezone.localdate()
    titles = {}
    certificates = []
    for key, assignment, completed_at in todo:
        language = languages[assignment.user_id]
        if (assignment.curriculum_id, language) not in titles:
            with translation.override(language):
                titles[assignment.curriculum_id, language] = services.nfc(assignment.curriculum.name)
        courses = minutes_of.get(assignment.curriculum_id, {})
        earliest = {course_id: first_completed.get((assignment.user_id, course_id)) for course_id in courses}
        minutes = sum(courses[course_id] for course_id, first in earliest.items() if first and first <= completed_at)
        certificate = Certificate(
            holder=assignment.user,
            curriculum=assignment.curriculum,
            curriculum_assignment=assignment,
            source_key=key,
            completed_at=completed_at,
            issued_on=today,
            expires_on=recorded.get((assignment.pk, completed_at), assignment.expires_on),
            code=codes.generate(),
            **services._snapshot(
                holder=assignment.user,
                title=titles[assignment.curriculum_id, language],
                hours=hours_from_minutes(minutes),
                language=language,
                branding=branding,
            ),
        )
        certificates.append(certificate)
    if not _insert_all(certificates, subject="curriculum_id"):
        logger.info("Bulk curriculum certificate issue met a certificate issued meanwhile; issuing one at a time")
        certificates = [
            services.certificate_issue_for_curriculum_assignment(
                assignment_id=assignment.pk, completed_at=completed_at, notify=False
            )
            for _key, assignment, completed_at in todo
        ]
    if notify:
        current = (
            filter_by_state(
                Certificate.objects.filter(pk__in=[c.pk for c in certificates]), Certificate.State.VALID, today=today
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        services._queue_notifications(list(current))
    return len(todo)
