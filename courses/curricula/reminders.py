"""Reminders and escalation by e-mail, configured per curriculum.

- before the due date: on each configured day (e.g. 14 and 3 days before), the nearest one not yet
  sent for that due date (an extension gives a new due date, hence new reminders);
- an overdue notice, once per due date;
- a renewal window notice, once per expiry;
- a digest to each department head listing only the overdue people of the departments they head and
  the departments below them, once per curriculum's digest period.

Each notice is written to the send log (ReminderLog) in the transaction that sends it; the log's
unique constraints make a retried or re-run job skip what was already sent. If sending fails, the
log row is rolled back and the next run tries again. E-mails are in the recipient's language.
"""

import datetime
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Assignment, Curriculum, ReminderLog

logger = logging.getLogger(__name__)
State = Assignment.State
Kind = ReminderLog.Kind


def _language_of(user) -> str:
    employee = getattr(user, "employee", None)
    return (employee.preferred_language if employee is not None else "") or settings.LANGUAGE_CODE


def _send(user, template: str, context: dict) -> None:
    """Render templates/curricula/email/<template>{_subject.txt,.txt,.html} in the user's language."""
    with translation.override(_language_of(user)):
        context = {**context, "recipient": user, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"curricula/email/{template}_subject.txt", context, using="text").split())
        text = render_to_string(f"curricula/email/{template}.txt", context, using="text")
        html = render_to_string(f"curricula/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def _current():
    """Current assignments that may be reminded: active curriculum, active employee, not exempt."""
    return (
        Assignment.objects.filter(
            ended_at__isnull=True, curriculum__active=True, user__employee__active=True, exempt=False
        )
        .exclude(user__email="")
        .select_related("user", "user__employee", "curriculum")
        .annotate(effective_due=Coalesce(F("extended_due_on"), F("due_on")))
        .order_by("pk")
    )


def _send_once(*, kind: str, assignment: Assignment, cycle_key: str, template: str, context: dict) -> bool:
    """Log and send one notice about one assignment; False when it was sent before (or failed)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                kind=kind,
                assignment=assignment,
                curriculum_id=assignment.curriculum_id,
                recipient_id=assignment.user_id,
                cycle_key=cycle_key,
            )
            _send(assignment.user, template, {"assignment": assignment, "curriculum": assignment.curriculum, **context})
    except IntegrityError:
        return False
    except Exception:  # a mail server error must not stop the other notices; the next run retries
        logger.exception("Could not send %s notice for assignment %s", kind, assignment.pk)
        return False
    return True


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send the reminders due today to employees. Idempotent. Returns how many of each kind were sent."""
    today = today or timezone.localdate()
    sent = Counter()
    for curriculum in Curriculum.objects.filter(active=True).exclude(reminder_days_before_due=""):
        days = curriculum.reminder_days
        if not days:
            continue
        upcoming = _current().filter(
            curriculum=curriculum,
            state__in=[State.ASSIGNED, State.IN_PROGRESS],
            effective_due__gte=today,
            effective_due__lte=today + datetime.timedelta(days=max(days)),
        )
        for assignment in upcoming.iterator(chunk_size=500):
            left = (assignment.effective_due - today).days
            bucket = min(day for day in days if day >= left)
            if _send_once(
                kind=Kind.BEFORE_DUE,
                assignment=assignment,
                cycle_key=f"{assignment.effective_due.isoformat()}:{bucket}",
                template="before_due",
                context={"due_on": assignment.effective_due, "days_left": left},
            ):
                sent[Kind.BEFORE_DUE] += 1
    overdue = _current().filter(state=State.OVERDUE, curriculum__overdue_notice=True)
    for assignment in overdue.iterator(chunk_size=500):
        if _send_once(
            kind=Kind.OVERDUE,
            assignment=assignment,
            cycle_key=assignment.effective_due.isoformat(),
            template="overdue",
            context={"due_on": assignment.effective_due},
        ):
            sent[Kind.OVERDUE] += 1
    window = _current().filter(state=State.WINDOW_OPEN, curriculum__window_open_notice=True, expires_on__isnull=False)
    for assignment in window.iterator(chunk_size=500):
        if _send_once(
            kind=Kind.WINDOW_OPEN,
            assignment=assignment,
            cycle_key=assignment.expires_on.isoformat(),
            template="window_open",
            context={"expires_on": assignment.expires_on},
        ):
            sent[Kind.WINDOW_OPEN] += 1
    return {str(kind): sent[kind] for kind in (Kind.BEFORE_DUE, Kind.OVERDUE, Kind.WINDOW_OPEN)}


def overdue_in_subtrees(paths: list[str]):
    """Overdue, non-exempt current assignments of active people in the departments at these tree paths
    and below them (nothing for no paths), for curricula that send digests."""
    if not paths:
        return Assignment.objects.none()
    in_subtrees = Q()
    for path in paths:
        in_subtrees |= Q(user__employee__department__path__startswith=path)
    return (
        Assignment.objects.filter(
            in_subtrees,
            ended_at__isnull=True,
            state=State.OVERDUE,
            exempt=False,
            curriculum__active=True,
            curriculum__head_digest_every_days__isnull=False,
            user__employee__active=True,
        )
        .select_related("user", "user__employee", "user__employee__department", "curriculum")
        .annotate(effective_due=Coalesce(F("extended_due_on"), F("due_on")))
        .order_by("curriculum__name", "user__employee__department__name", "user__last_name", "user__first_name", "pk")
    )


def head_digests_send(*, today: datetime.date | None = None) -> int:
    """E-mail each department head the overdue people of their own subtree, one e-mail listing every
    curriculum whose digest period has not been reported yet. Idempotent. Returns e-mails sent."""
    today = today or timezone.localdate()
    heads = (
        get_user_model()
        .objects.filter(is_active=True, headed_departments__isnull=False)
        .exclude(email="")
        .distinct()
        .select_related("employee")
        .prefetch_related("headed_departments")
        .order_by("pk")
    )
    sent = 0
    for head in heads:
        paths = [department.path for department in head.headed_departments.all()]
        by_curriculum = defaultdict(list)
        for assignment in overdue_in_subtrees(paths):
            by_curriculum[assignment.curriculum].append(assignment)
        if not by_curriculum:
            continue
        try:
            with transaction.atomic():
                sections = []
                for curriculum, assignments in by_curriculum.items():
                    period = today.toordinal() // curriculum.head_digest_every_days
                    try:
                        with transaction.atomic():
                            ReminderLog.objects.create(
                                kind=Kind.HEAD_DIGEST,
                                curriculum=curriculum,
                                recipient=head,
                                cycle_key=f"{curriculum.head_digest_every_days}d:{period}",
                                data={"assignments": [a.pk for a in assignments]},
                            )
                    except IntegrityError:
                        continue  # this period was reported already
                    sections.append({"curriculum": curriculum, "assignments": assignments})
                if not sections:
                    continue
                _send(
                    head,
                    "head_digest",
                    {
                        "sections": sections,
                        "departments": head.headed_departments.all(),
                        "count": sum(len(s["assignments"]) for s in sections),
                    },
                )
        except Exception:
            logger.exception("Could not send the overdue digest to %s", head.pk)
            continue
        sent += 1
    return sent


@dataclass(frozen=True)
class HeadReminderResult:
    sent: int  # people e-mailed now
    already: int  # people reminded earlier today, left alone


def overdue_reminders_send(*, sender, assignments, today: datetime.date | None = None) -> HeadReminderResult:
    """A department head (or training admin) reminds the overdue people of one row of /compliance/.

    `assignments` is what the sender may see of that row (the caller scopes it); of those, the
    overdue, non-exempt ones of people with an e-mail address are reminded. Each person gets at most
    one such reminder a day, whatever row or curriculum it comes from: the send log's constraint on
    (recipient, day) guarantees it, and the log row names the sender (the audit). One e-mail per
    person lists every overdue assignment of the row; a mail error rolls that person's log back."""
    today = today or timezone.localdate()
    cycle_key = today.isoformat()
    overdue = (
        assignments.filter(state=State.OVERDUE, exempt=False)
        .exclude(user__email="")
        .select_related("user", "user__employee", "curriculum")
        .annotate(effective_due=Coalesce(F("extended_due_on"), F("due_on")))
        .order_by("user_id", "curriculum__name", "pk")
    )
    by_person: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in overdue:
        by_person[assignment.user_id].append(assignment)
    reminded_today = set(
        ReminderLog.objects.filter(
            kind=Kind.HEAD_REMINDER, cycle_key=cycle_key, recipient_id__in=list(by_person)
        ).values_list("recipient_id", flat=True)
    )
    sent = already = 0
    for user_id, items in by_person.items():
        if user_id in reminded_today:
            already += 1
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    kind=Kind.HEAD_REMINDER,
                    assignment=items[0],
                    curriculum_id=items[0].curriculum_id,
                    recipient_id=user_id,
                    cycle_key=cycle_key,
                    sent_by=sender,
                    data={"assignments": [a.pk for a in items]},
                )
                _send(items[0].user, "head_reminder", {"assignments": items})
        except IntegrityError:
            already += 1  # reminded a moment ago from another row or by another head
            continue
        except Exception:
            logger.exception("Could not send a head's reminder to %s", user_id)
            continue
        sent += 1
    return HeadReminderResult(sent=sent, already=already)
