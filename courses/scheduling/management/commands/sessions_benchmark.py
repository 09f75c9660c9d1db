"""Benchmark registrations and the personal calendar feed.

1. N people (default 100) register at once, from T threads (default 25), for a session of S seats
   (default 25); prints how many were booked and waitlisted, the errors and the time taken. The
   figures must read 25 booked, 75 waitlisted, 0 errors.
2. The personal feed of someone with 50 registrations: prints the median time to build it and the
   number of queries (target: under 50 ms).

Everything it creates is deleted at the end; no e-mail is queued.
"""

import datetime
import queue
import statistics
import threading
import time
import uuid
from unittest import mock

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.catalogue.models import Course
from courses.people.models import Department, Employee
from courses.scheduling import services
from courses.scheduling.models import Registration, Session

FEED_TARGET_MS = 50


class Command(BaseCommand):
    help = "Fire concurrent registrations at one session and time the personal calendar feed."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100)
        parser.add_argument("--seats", type=int, default=25)
        parser.add_argument("--threads", type=int, default=25)
        parser.add_argument("--feed-registrations", type=int, default=50)
        parser.add_argument("--feed-runs", type=int, default=20)

    def handle(self, *args, people, seats, threads, feed_registrations, feed_runs, **options):
        tag = uuid.uuid4().hex[:8]
        from django.contrib.auth import get_user_model

        User = get_user_model()  # noqa: N806
        department = Department.add_root(name=f"Benchmark {tag}", code=f"bench-{tag}")
        course = Course.objects.create(slug=f"bench-{tag}", title=f"Benchmark {tag}", is_published=False)
        try:
            with mock.patch.object(services.registrations, "notice_queue", lambda *args, **kwargs: None):
                self._registrations(User, tag, department, course, people, seats, threads)
                self._feed(User, tag, department, course, feed_registrations, feed_runs)
        finally:
            Registration.objects.filter(session__course=course).delete()
            sessions = Session.objects.filter(course=course)
            for session in sessions:
                session.facilitators.clear()
            sessions.delete()
            Employee.objects.filter(department=department).delete()
            User.objects.filter(username__startswith=f"bench-{tag}-").delete()
            course.delete()
            department.delete()

    def _people(self, User, tag, department, count, prefix):  # noqa: N803
        users = []
        for index in range(count):
            user = User.objects.create(username=f"bench-{tag}-{prefix}{index}", email=f"{prefix}{index}@bench.invalid")
            Employee.objects.create(user=user, employee_number=f"B{tag}{prefix}{index}", department=department)
            users.append(user)
        return users

    def _session(self, course, seats, offset_days=7):
        start = (timezone.now() + datetime.timedelta(days=offset_days)).replace(second=0, microsecond=0)
        return Session.objects.create(
            course=course,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            room="Benchmark",
            capacity=seats,
        )

    def _registrations(self, User, tag, department, course, people, seats, threads):  # noqa: N803
        session = self._session(course, seats)
        pending = queue.Queue()
        for user in self._people(User, tag, department, people, "r"):
            pending.put(user)
        threads = max(1, min(threads, people))
        barrier = threading.Barrier(threads + 1)
        errors = []

        def worker():
            try:
                barrier.wait()
                while True:
                    try:
                        user = pending.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        services.registration_create(session=session, user=user)
                    except Exception as error:  # noqa: BLE001 - counted and printed
                        errors.append(repr(error))
            finally:
                connections.close_all()

        workers = [threading.Thread(target=worker) for _ in range(threads)]
        for thread in workers:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in workers:
            thread.join()
        elapsed = time.perf_counter() - started
        states = list(Registration.objects.filter(session=session).values_list("state", flat=True))
        self.stdout.write(
            f"{people} registrations from {threads} threads for {seats} seats ({connection.vendor}): "
            f"booked={states.count(Registration.State.BOOKED)} "
            f"waitlisted={states.count(Registration.State.WAITLISTED)} errors={len(errors)} "
            f"time={elapsed * 1000:.0f} ms"
        )
        for error in sorted(set(errors))[:5]:
            self.stdout.write(f"  error: {error}")

    def _feed(self, User, tag, department, course, count, runs):  # noqa: N803
        (user,) = self._people(User, tag, department, 1, "f")
        for index in range(count):
            session = self._session(course, 10, offset_days=3 + index)
            Registration.objects.create(session=session, user=user)
        token = services.calendar_token_for(user=user)
        hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host and not host.startswith(".")]
        client = Client(HTTP_HOST=hosts[0] if hosts else "localhost")
        url = reverse("scheduling:feed", args=[token.token])
        started = time.perf_counter()
        client.get(url)
        cold = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        median = statistics.median(times)
        verdict = "OK" if median < FEED_TARGET_MS else "over target"
        self.stdout.write(
            f"personal feed with {count} registrations: first request {cold:.1f} ms, "
            f"then median {median:.1f} ms over {runs} runs, "
            f"{len(queries)} queries, {len(response.content)} bytes (target < {FEED_TARGET_MS} ms: {verdict})"
        )
