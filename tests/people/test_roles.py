"""The guards of courses.people.roles: anonymous visitors log in first, the wrong person gets a 403 that
says who the page is for, the right one gets through."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from courses.people import roles
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory, facilitator, training_admin

pytestmark = pytest.mark.django_db


def _view(request):
    return HttpResponse("through")


def _call(guard, user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return guard(_view)(request)


def department_head():
    user = UserFactory()
    DepartmentFactory().heads.add(user)
    return user


GUARDS = {
    # guard: (who gets through, who is refused, the sentence of the refusal)
    "training_admin_required": (training_admin, facilitator, "Only training admins can do this."),
    "facilitator_required": (facilitator, department_head, "These pages are for facilitators and training admins."),
    "compliance_viewer_required": (
        department_head,
        facilitator,
        "Compliance reports are for department heads and training admins.",
    ),
    "request_viewer_required": (
        department_head,
        lambda: EmployeeFactory().user,
        "Training requests are for department heads and training admins.",
    ),
    "request_decider_required": (training_admin, department_head, "Only a training admin can decide on a request."),
}


@pytest.mark.parametrize("name", GUARDS)
def test_an_anonymous_visitor_is_sent_to_log_in(name):
    response = _call(getattr(roles, name), AnonymousUser())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/somewhere/")


@pytest.mark.parametrize("name", GUARDS)
def test_the_wrong_person_is_refused_with_a_sentence_saying_who_the_page_is_for(name):
    _allowed, refused, message = GUARDS[name]
    with pytest.raises(PermissionDenied) as raised:
        _call(getattr(roles, name), refused())
    assert str(raised.value) == message


@pytest.mark.parametrize("name", GUARDS)
def test_the_right_person_gets_through(name):
    allowed, _refused, _message = GUARDS[name]
    assert _call(getattr(roles, name), allowed()).content == b"through"


def test_a_training_admin_passes_every_guard():
    admin = training_admin()
    for name in GUARDS:
        assert _call(getattr(roles, name), admin).status_code == 200


def test_services_refuse_anyone_but_a_training_admin():
    with pytest.raises(PermissionDenied):
        roles.require_training_admin(facilitator())
    with pytest.raises(PermissionDenied):
        roles.require_training_admin(None)
    roles.require_training_admin(training_admin())


def test_a_user_without_an_employee_profile_is_not_an_employee():
    user = UserFactory()
    assert roles.employee_of(user) is None
    assert not roles.is_employee(user)
