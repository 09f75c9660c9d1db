"""Seats are never oversold: 100 registrations arrive at once for a 25-seat session.

Runs on whatever database the suite uses. On PostgreSQL the registrations wait on the session's row
lock; on SQLite writers are serialised (BEGIN IMMEDIATE) and a writer that finds the database busy
retries its whole transaction. The 100 registrations are sent by 25 threads at a time (a database
server shared by the test suites of several apps does not allow 100 more connections).
"""

import queue
import threading

import pytest
from django.db import connections

from courses.scheduling import services
from courses.scheduling.models import Registration
from tests.scheduling.factories import SessionFactory, employee_user

State = Registration.State
THREADS = 25


@pytest.mark.django_db(transaction=True)
def test_hundred_concurrent_registrations_fill_25_seats_and_waitlist_the_rest():
    session = SessionFactory(capacity=25)
    pending = queue.Queue()
    for _ in range(100):
        pending.put(employee_user())
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker():
        try:
            barrier.wait(timeout=60)
            while True:
                try:
                    user = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    services.registration_create(session=session, user=user)
                except Exception as error:  # noqa: BLE001 - every error fails the test
                    errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    states = list(Registration.objects.filter(session=session).values_list("state", flat=True))
    assert len(states) == 100
    assert states.count(State.BOOKED) == 25
    assert states.count(State.WAITLISTED) == 75
