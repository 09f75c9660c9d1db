"""Benchmark /insights/ on the current database (SQLite by default, PostgreSQL when DATABASE_URL says so).

Seeds an organisation (default 20,000 employees in 40 departments, 14,000 of whom answered, one
curriculum) with bulk inserts inside a transaction that is rolled back at the end, then prints: the time
to build the protected snapshot (counting, suppression with its LP checks), the time of the next release
(after 1 % of the employees were certified: compared with the first, releases.py), the time of an independent
disclosure audit of every suppressed cell, and the /insights/curricula/ page time (median of --runs) and
its query count for an equity analyst at two sizes (the count must not grow).

Target (issue): page p50 < 500 ms at a constant number of queries."""

import random
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from courses.curricula.models import Assignment, Curriculum
from courses.insights import disclosure, figures, services, standards, tables
from courses.insights.models import IdentityAnswer, SelfIdentification
from courses.people.models import Department, Employee
from lms.benchmark.measure import counting_queries

UNUSABLE = "!"
PAGE_TARGET_MS = 500
MIX = [
    ("hispanic", 0.46),
    ("white", 0.36),
    ("aian", 0.06),
    ("black", 0.04),
    ("asian", 0.04),
    ("mena", 0.02),
    ("nhpi", 0.02),
]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time /insights/ and its disclosure control on a seeded organisation (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=20000)
        parser.add_argument("--answered", type=int, default=14000)
        parser.add_argument("--departments", type=int, default=40)
        parser.add_argument("--runs", type=int, default=10)

    def handle(self, *args, employees, answered, departments, runs, **options):
        try:
            with transaction.atomic():
                self._run(employees, answered, departments, runs)
                raise Rollback
        except Rollback:
            pass

    def _seed(self, employees, answered, departments, rng):
        User = get_user_model()
        root = Department.add_root(name="Benchmark City", code="bench-root")
        tops = [root.add_child(name=f"Bench {i}", code=f"bench-{i}") for i in range(max(1, departments // 4))]
        units = list(tops)
        for i in range(departments - len(tops) - 1):
            parent = Department.objects.get(pk=tops[i % len(tops)].pk)
            units.append(parent.add_child(name=f"Bench unit {i}", code=f"bench-unit-{i}"))
        users = User.objects.bulk_create(
            [User(username=f"bench{i}", password=UNUSABLE) for i in range(employees)], batch_size=2000
        )
        Employee.objects.bulk_create(
            [
                Employee(
                    user=user, employee_number=f"B{i:07d}", department=units[int(rng.paretovariate(1.2)) % len(units)]
                )
                for i, user in enumerate(users)
            ],
            batch_size=2000,
        )
        now = timezone.now()
        records = SelfIdentification.objects.bulk_create(
            [SelfIdentification(user=user, consented_at=now) for user in users[:answered]], batch_size=2000
        )
        groups, weights = zip(*MIX, strict=True)
        answers = []
        for record in records:
            chosen = {rng.choices(groups, weights)[0]}
            if rng.random() < 0.08:
                chosen.add(rng.choices(groups, weights)[0])
            answers += [
                IdentityAnswer(self_identification=record, question="race_ethnicity", choice=g, group=g) for g in chosen
            ]
        IdentityAnswer.objects.bulk_create(answers, batch_size=5000)
        curriculum = Curriculum.objects.create(name="Benchmark curriculum", slug="bench-curriculum", due_days=30)
        today = timezone.localdate()
        states = [(Assignment.State.COMPLETE, 0.6), (Assignment.State.OVERDUE, 0.15), (Assignment.State.ASSIGNED, 0.25)]
        Assignment.objects.bulk_create(
            [
                Assignment(
                    curriculum=curriculum,
                    user=user,
                    state=(state := rng.choices([s for s, _ in states], [w for _, w in states])[0]),
                    assigned_at=now,
                    due_on=today,
                    completed_at=now if state == Assignment.State.COMPLETE else None,
                )
                for user in users
            ],
            batch_size=2000,
        )
        analyst = User.objects.create(username="bench-analyst", password=UNUSABLE)
        analyst.groups.add(Group.objects.get_or_create(name=settings.EQUITY_ANALYSTS_GROUP)[0])
        return analyst

    def _page(self, analyst, runs):
        client = Client()
        client.force_login(analyst)
        client.get("/insights/curricula/", HTTP_HOST="localhost")
        timings = []
        with counting_queries() as queries:  # every query, whatever DEBUG says
            client.get("/insights/curricula/", HTTP_HOST="localhost")
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get("/insights/curricula/", HTTP_HOST="localhost")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        if not queries.count:
            raise RuntimeError("no query counted for /insights/curricula/: the count cannot be trusted")
        return statistics.median(timings), queries.count

    def _run(self, employees, answered, departments, runs):
        rng = random.Random(7)
        vendor = connection.vendor
        analyst = self._seed(employees, answered, departments, rng)
        question = standards.questions()[0]
        start = time.perf_counter()
        data = figures.gather(question)
        gathered = time.perf_counter() - start
        start = time.perf_counter()
        services.insights_snapshot_build(question_key=question.key)
        built = time.perf_counter() - start
        self.stdout.write(f"{vendor}: {employees} employees, {answered} answered, {departments} departments")
        self.stdout.write(f"  gather (queries): {gathered * 1000:.0f} ms; snapshot with suppression: {built:.1f} s")
        # The next night: some people certified, compared with the first release (releases.py).
        changed = list(
            Assignment.objects.exclude(state=Assignment.State.COMPLETE).values_list("pk", flat=True)[: employees // 100]
        )
        Assignment.objects.filter(pk__in=changed).update(state=Assignment.State.COMPLETE, completed_at=timezone.now())
        start = time.perf_counter()
        (second,) = services.insights_snapshot_build(question_key=question.key)
        again = time.perf_counter() - start
        self.stdout.write(
            f"  next release, {len(changed)} certified since: {again:.1f} s; {second.deferred} people's changes wait, "
            f"{len(second.data['withheld'])} rows withheld"
        )
        # The audit: every suppressed cell's interval in the attacker's programs over the whole model —
        # exact, or a solution pair already seen to span k / 2 (inside the exact one, so enough to know).
        model = _model(question, data)
        start = time.perf_counter()
        suppressed = {key for key, value in tables.publish(model, figures.min_cell()).cells.items() if value is None}
        intervals = disclosure.ranges(model, suppressed, wide_enough=figures.min_cell() / 2)
        audit = time.perf_counter() - start
        narrow = sum(1 for low, high in intervals.values() if high - low < figures.min_cell() / 2 - 1e-6)
        self.stdout.write(
            f"  disclosure audit: {len(suppressed)} of {len(model.values)} cells suppressed, {narrow} narrowed "
            f"below k/2, {audit:.1f} s"
        )
        p50, count = self._page(analyst, runs)
        flag = "OK" if p50 < PAGE_TARGET_MS else "SLOW"
        self.stdout.write(f"  /insights/curricula/ p50 {p50:.0f} ms ({flag}, target {PAGE_TARGET_MS}), {count} queries")


def _model(question, data):
    """The same model the snapshot protects (rebuilt here so the audit can be timed on its own)."""
    built = {}
    original = tables.publish

    def capture(model, k):
        built["model"] = model
        return original(model, k)

    tables.publish = capture
    try:
        figures.build(question, data, figures.min_cell())
    finally:
        tables.publish = original
    return built["model"]
