"""Writes of the insights app: self-identification (answer, change, withdraw) and the releases of figures."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import standards
from .forms import Answers
from .models import (
    IdentityAnswer,
    IdentityWriteIn,
    InsightsAccess,
    InsightsReleaseMember,
    InsightsSnapshot,
    SelfIdentification,
    SelfIdentificationWithdrawal,
)


@transaction.atomic
def self_identification_save(*, user, answers: Answers) -> SelfIdentification:
    """Replace the person's answers with `answers`. The consent date is the first save's (kept across
    changes); the answers are rewritten whole, so nothing of an earlier answer lingers."""
    record, created = SelfIdentification.objects.get_or_create(user=user, defaults={"consented_at": timezone.now()})
    if not created:
        record.answers.all().delete()
        record.write_ins.all().delete()
        record.save(update_fields=["updated_at"])
    rows = []
    for question_key, chosen in answers.choices.items():
        question = standards.question(question_key)
        for choice in sorted(chosen):
            group = standards.PREFER_NOT if choice == standards.PREFER_NOT else question.group_of(choice)
            rows.append(IdentityAnswer(self_identification=record, question=question_key, choice=choice, group=group))
    for question_key, text in answers.write_ins.items():
        rows.append(
            IdentityAnswer(
                self_identification=record, question=question_key, choice=standards.ANOTHER, group=standards.ANOTHER
            )
        )
        write_in = IdentityWriteIn(self_identification=record, question=question_key, text=text)
        write_in.full_clean(exclude=["self_identification"])
        write_in.save()
    IdentityAnswer.objects.bulk_create(rows)
    return record


@transaction.atomic
def self_identification_withdraw(*, user) -> bool:
    """Delete every answer of the person (a real delete) and record only the date. False if there was
    nothing to withdraw."""
    deleted, _ = SelfIdentification.objects.filter(user=user).delete()
    if not deleted:
        return False
    _forget_groups(user)
    SelfIdentificationWithdrawal.objects.create(user=user, withdrawn_on=timezone.localdate())
    return True


def _forget_groups(user) -> None:
    """The last release counted the person's groups: keep only that they are gone ("withdrawn"), so the
    next release sees a change that cannot wait (releases.py) and nothing of the answers stays."""
    from .releases import WITHDRAWN

    InsightsReleaseMember.objects.filter(user=user).exclude(groups=[]).update(groups=[WITHDRAWN])


def release_members_forget(sender, instance, **kwargs) -> None:
    """pre_delete of an account: its answers are deleted with it, and so is the last release's copy."""
    _forget_groups(instance)


def insights_snapshot_build(*, question_key: str | None = None) -> list[InsightsSnapshot]:
    """Compute and store the protected figures of every question (or one): the counting, the
    suppression and its audit happen here, once for the organisation, never per request. Each new
    release is compared with the last one first (releases.py): changes of too few people wait, and a
    withdrawal that would stand alone withholds the rows it is in."""
    from .figures import gather, min_cell, totals
    from .history import record_month

    snapshots, counts = [], None
    for question in standards.questions():
        if question_key is not None and question.key != question_key:
            continue
        data = gather(question)
        snapshots.append(_release(question, data, min_cell()))
        if counts is None:
            counts = totals(data)
    if counts is not None:
        record_month(counts)  # the same for every question: counts of everyone
    return snapshots


def _release(question, data: dict, k: int) -> InsightsSnapshot:
    """Build the question's figures from the people as the comparison with its last release allows them
    to be counted (releases.py) and publish them."""
    from . import figures, releases

    last = InsightsSnapshot.objects.filter(question=question.key).first()
    _forget_withdrawn(question.key)
    old = _release_members(question.key) if last is not None else {}
    new = figures.parts(data)
    departments = [pk for pk, _path in data["departments"]]
    threshold = figures.rows_threshold(question, new, data, k)
    courses = {course_id for part in new.values() for course_id, _pre, _post in part.scores}
    courses |= {course_id for member in old.values() for course_id, _pre, _post in member.part.scores}
    release = releases.control(
        old=old,
        new=new,
        parents=data["parents"],
        departments=departments,
        min_answered=threshold,
        everyone_layers=[figures.gain_layer(course_id) for course_id in courses],
        gain_layer=figures.gain_layer,
        k=k,
    )
    built = figures.build_parts(question, release.population, data, k, rows_from=threshold)
    figures.withhold(built, release.withheld)
    with transaction.atomic():
        snapshot = InsightsSnapshot.objects.create(
            question=question.key, taken_at=timezone.now(), k=k, data=built, deferred=release.deferred
        )
        InsightsReleaseMember.objects.filter(question=question.key).delete()
        InsightsReleaseMember.objects.bulk_create(
            (
                InsightsReleaseMember(
                    question=question.key,
                    user_id=key if not isinstance(key, tuple) else None,
                    department=member.part.department,
                    groups=sorted(member.part.groups),
                    layers=sorted(member.part.layers),
                    scores=[list(score) for score in member.part.scores],
                    group_region=_region_text(member.regions.get(releases.GROUPS)),
                    everyone_region=_region_text(member.regions.get(releases.EVERYONE)),
                )
                for key, member in releases.members(release, old, data["parents"]).items()
            ),
            batch_size=2000,
        )
        # Someone who withdrew while the figures were being built: their record must not keep the answers.
        _forget_withdrawn(question.key)
    return snapshot


def _forget_withdrawn(question_key: str) -> int:
    """Mark "withdrawn" the records of the question's last release whose person has no answers any more
    but whose groups are still kept (a withdrawal that raced a release)."""
    from .releases import WITHDRAWN

    return (
        InsightsReleaseMember.objects.filter(question=question_key, user__isnull=False)
        .exclude(groups=[])
        .exclude(groups=[WITHDRAWN])
        .exclude(user__in=SelfIdentification.objects.values("user"))
        .update(groups=[WITHDRAWN])
    )


def _region_text(region) -> str:
    return "" if region is None else str(region)


def _region(text: str):
    from .tables import ALL

    if not text:
        return None
    return ALL if text == ALL else int(text)


def _release_members(question_key: str) -> dict:
    """The people of the question's last release, as releases.Member (someone who left: ("gone", pk))."""
    from . import releases

    members = {}
    rows = InsightsReleaseMember.objects.filter(question=question_key).values_list(
        "pk", "user_id", "department", "groups", "layers", "scores", "group_region", "everyone_region"
    )
    for pk, user_id, department, groups, layers, scores, group_region, everyone_region in rows.iterator(2000):
        part = releases.Part(
            department=department,
            groups=frozenset(groups),
            layers=frozenset(layers),
            scores=tuple((int(course), float(pre), float(post)) for course, pre, post in scores),
        )
        regions = {releases.GROUPS: _region(group_region), releases.EVERYONE: _region(everyone_region)}
        members[user_id if user_id is not None else ("gone", pk)] = releases.Member(part=part, regions=regions)
    return members


def insights_history_reconstruct(*, months: int = 24) -> int:
    """Fill the trends' months that have no nightly record from the dates the engine keeps."""
    from .history import reconstruct

    with transaction.atomic():
        return reconstruct(months=months)


# While this key is in the cache a refresh is queued or running; the task deletes it when it ends. The
# timeout frees the way again if a worker died mid-task.
REFRESH_QUEUED_KEY = "insights:refresh-queued"
REFRESH_QUEUED_SECONDS = 30 * 60


def insights_snapshot_current(*, question_key: str) -> InsightsSnapshot | None:
    """The latest snapshot of the question if it was made with today's smallest-cell threshold; None
    when there is none (or only one protected by another threshold, which must not be shown)."""
    from .figures import min_cell

    snapshot = InsightsSnapshot.objects.filter(question=question_key).first()
    if snapshot is None or snapshot.k != min_cell():
        return None
    return snapshot


def insights_refresh_queue() -> bool:
    """Queue one rebuild of every question's figures for the task worker, after the current transaction
    commits. At most one is queued (or running) at a time: False when one already is."""
    from django_q.tasks import async_task

    from . import tasks

    if not cache.add(REFRESH_QUEUED_KEY, timezone.now().isoformat(), REFRESH_QUEUED_SECONDS):
        return False
    # The suppression's programs may take longer than an ordinary task may run.
    transaction.on_commit(lambda: async_task(tasks.insights_refresh, timeout=settings.INSIGHTS_TASK_TIMEOUT))
    return True


def insights_refresh_queued() -> bool:
    return cache.get(REFRESH_QUEUED_KEY) is not None


def insights_access_record(*, user, table: str, scope: str, format: str) -> InsightsAccess:
    """Audit one view or export of an insights table."""
    return InsightsAccess.objects.create(
        user=user, username=user.get_username(), table=table[:80], scope=scope[:200], format=format
    )
