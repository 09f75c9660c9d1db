"""Every status field moves along its model's table only (lms.state_machine): each move in the table
succeeds, every other move raises the app's domain exception and changes nothing, and a bulk move
touches only the rows whose state the table lets move."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import models
from django.utils import timezone

from certificates import codes
from certificates import exceptions as certificate_errors
from certificates.models import Certificate
from courses.catalogue import exceptions as course_errors
from courses.catalogue.models import Enrollment
from courses.curricula import exceptions as curriculum_errors
from courses.curricula.models import Assignment
from courses.scheduling import exceptions as scheduling_errors
from courses.scheduling.models import Registration, Session
from courses.scheduling.requests import exceptions as request_errors
from courses.scheduling.requests.models import TrainingRequest
from lms import state_machine
from tests.curricula.factories import CurriculumFactory
from tests.factories import CourseFactory, DepartmentFactory, EnrollmentFactory, UserFactory
from tests.scheduling.factories import SessionFactory

WHEN = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)


def make_registration(state):
    return Registration.objects.create(session=SessionFactory(facilitators=[]), user=UserFactory(), state=state)


def make_session(state):
    return SessionFactory(status=state, facilitators=[])


def make_request(state):
    return TrainingRequest.objects.create(
        department=DepartmentFactory(), topic="Fair housing", audience_size=12, status=state
    )


def make_assignment(state):
    return Assignment.objects.create(
        curriculum=CurriculumFactory(),
        user=UserFactory(),
        assigned_at=timezone.now(),
        due_on=timezone.localdate(),
        state=state,
    )


def make_certificate(status):
    user = UserFactory()
    return Certificate.objects.create(
        code=codes.generate(),
        holder=user,
        course=CourseFactory(),
        source_key=f"test:{user.pk}",
        completed_at=timezone.now(),
        issued_on=timezone.localdate(),
        holder_name="Ana Ruiz",
        title="Implicit bias",
        organisation_name="City of Common Ground",
        issuer="Office of Equity and Inclusion",
        status=status,
    )


def make_enrollment(status):
    return EnrollmentFactory(status=status)


@dataclass(frozen=True)
class Machine:
    model: type[models.Model]
    error: type[Exception]  # the app's IllegalTransition
    app_error: type[Exception]  # what the app's views catch and turn into a message
    changed_at: str | None
    make: Callable[[str], models.Model]

    def __str__(self):
        return self.model.__name__

    @property
    def field(self) -> str:
        return self.model.state_field

    @property
    def states(self) -> list[str]:
        return [value for value, _label in self.model._meta.get_field(self.field).choices]


MACHINES = [
    Machine(
        Registration,
        scheduling_errors.IllegalTransition,
        scheduling_errors.SchedulingError,
        None,
        make_registration,
    ),
    Machine(Session, scheduling_errors.IllegalTransition, scheduling_errors.SchedulingError, None, make_session),
    Machine(TrainingRequest, request_errors.IllegalTransition, request_errors.RequestError, None, make_request),
    Machine(
        Assignment,
        curriculum_errors.IllegalTransition,
        curriculum_errors.CurriculumError,
        "state_changed_at",
        make_assignment,
    ),
    Machine(
        Certificate,
        certificate_errors.IllegalTransition,
        certificate_errors.CertificateError,
        "status_changed_at",
        make_certificate,
    ),
    Machine(Enrollment, course_errors.IllegalTransition, course_errors.CourseError, None, make_enrollment),
]


def pairs(*, allowed: bool):
    return [
        pytest.param(machine, current, target, id=f"{machine}-{current}-{target}")
        for machine in MACHINES
        for current in machine.states
        for target in machine.states
        if machine.model.can_transition(current, target) == allowed
    ]


@pytest.mark.parametrize("machine", MACHINES, ids=str)
def test_the_table_has_a_row_for_every_state_and_only_names_states_of_the_field(machine):
    assert set(machine.model.TRANSITIONS) == set(machine.states)
    for targets in machine.model.TRANSITIONS.values():
        assert set(targets) <= set(machine.states)


@pytest.mark.parametrize("machine", MACHINES, ids=str)
def test_a_model_raises_its_own_apps_exception(machine):
    assert machine.model.illegal_transition is machine.error
    assert issubclass(machine.error, machine.app_error)
    assert issubclass(machine.error, state_machine.IllegalTransition)
    assert machine.model.changed_at_field == machine.changed_at


def test_the_table_cannot_be_changed_at_run_time():
    with pytest.raises(AttributeError):
        Registration.TRANSITIONS[Registration.State.CANCELLED].add(Registration.State.BOOKED)
    with pytest.raises(TypeError):
        Registration.TRANSITIONS["archived"] = frozenset()


@pytest.mark.parametrize(("machine", "current", "target"), pairs(allowed=True))
def test_a_move_in_the_table_changes_the_state(machine, current, target):
    row = machine.model(**{machine.field: current})
    row.transition(target, when=WHEN)
    assert getattr(row, machine.field) == target
    if machine.changed_at:
        assert getattr(row, machine.changed_at) == WHEN


@pytest.mark.parametrize(("machine", "current", "target"), pairs(allowed=False))
def test_a_move_outside_the_table_raises_the_apps_exception_and_changes_nothing(machine, current, target):
    row = machine.model(**{machine.field: current})
    before = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    with pytest.raises(machine.error) as raised:
        row.transition(target, when=WHEN)
    assert {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields} == before
    labels = dict(machine.model._meta.get_field(machine.field).flatchoices)
    assert str(labels[current]) in str(raised.value) and str(labels[target]) in str(raised.value)


@pytest.mark.parametrize(
    ("machine", "target"),
    [pytest.param(machine, target, id=f"{machine}-{target}") for machine in MACHINES for target in machine.states],
)
@pytest.mark.django_db
def test_a_bulk_move_touches_only_the_rows_the_table_lets_move(machine, target):
    rows = {state: machine.make(state) for state in machine.states}
    model = machine.model
    moved = model.bulk_transition(model.objects.filter(pk__in=[row.pk for row in rows.values()]), target, when=WHEN)
    sources = set(model.sources_of(target))
    assert moved == len(sources)
    for state, row in rows.items():
        row.refresh_from_db()
        if state in sources:
            assert getattr(row, machine.field) == target
            if machine.changed_at:
                assert getattr(row, machine.changed_at) == WHEN
        else:
            assert getattr(row, machine.field) == state
            if machine.changed_at:
                assert getattr(row, machine.changed_at) is None


@pytest.mark.django_db
def test_a_bulk_move_refuses_a_queryset_of_another_model():
    with pytest.raises(TypeError):
        Session.bulk_transition(Registration.objects.all(), Session.Status.CANCELLED)
