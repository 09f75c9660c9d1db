import datetime
import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from courses.people import roles
from courses.people.models import Department, Employee
from lms.demo import people as people_demo
from lms.demo.management.commands.seed_demo import DemoContext

pytestmark = pytest.mark.django_db
User = get_user_model()


def context(employees=40, password="commonground"):
    return DemoContext(password=password, employees=employees, stdout=io.StringIO(), style=None)


def test_demo_builds_a_department_tree_under_the_city_managers_office():
    demo = context()
    people_demo.seed(demo)
    assert 20 <= Department.objects.count() <= 25
    root = Department.get_root_nodes().get()
    assert root.name == "City Manager's Office"
    top = {department.name for department in root.get_children()}
    assert {"Planning", "Environmental Health", "Human Resources", "Police", "Transit", "Libraries"} <= top
    assert Department.objects.get(code="public-works-streets").get_parent().code == "public-works"
    assert set(demo.departments) == set(Department.objects.values_list("code", flat=True))


def test_demo_creates_the_requested_number_of_employees_with_diverse_names_and_languages():
    people_demo.seed(context(employees=120))
    assert Employee.objects.count() == 120
    languages = set(Employee.objects.values_list("preferred_language", flat=True))
    assert "en" in languages and len(languages) >= 3
    names = " ".join(f"{u.first_name} {u.last_name}" for u in User.objects.all())
    assert any(ord(char) > 0x2E80 for char in names)  # Han or Arabic script, not only Latin
    assert "Nguyễn" in names
    recent = timezone.localdate() - datetime.timedelta(days=60)
    assert Employee.objects.filter(hire_date__gt=recent).exists()
    assert Employee.objects.filter(hire_date__lte=recent).count() > 100
    assert not Employee.objects.filter(job_title="").exists()


def test_demo_has_one_account_per_role_with_the_demo_password():
    demo = context(password="a-demo-password")
    people_demo.seed(demo)
    assert set(demo.users) == {"employee", "head", "facilitator", "trainingadmin", "editor"}
    for username, user in demo.users.items():
        assert user.check_password("a-demo-password"), username
        assert Employee.objects.filter(user=user, active=True).exists()
    assert roles.is_employee(demo.users["employee"])
    assert roles.is_facilitator(demo.users["facilitator"])
    assert roles.is_training_admin(demo.users["trainingadmin"])
    assert demo.users["trainingadmin"].has_perm("wagtailadmin.access_admin")
    assert demo.users["editor"].has_perm("wagtailadmin.access_admin")
    assert demo.users["editor"].groups.filter(name=settings.EDITORS_GROUP).exists()
    assert not roles.is_training_admin(demo.users["editor"])
    assert not roles.is_department_head(demo.users["employee"])


def test_demo_head_sees_planning_and_its_subtree_only():
    demo = context()
    people_demo.seed(demo)
    head = demo.users["head"]
    visible = set(roles.visible_departments(head).values_list("code", flat=True))
    assert visible == {"planning", "planning-current", "planning-long-range", "planning-code"}


def test_role_groups_exist_with_their_permissions_after_migrations():
    admins = Group.objects.get(name=settings.TRAINING_ADMINS_GROUP)
    codenames = set(admins.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_employee", "add_department", "change_course", "add_quizmodule"} <= codenames
    assert Group.objects.filter(name=settings.FACILITATORS_GROUP).exists()
    assert Group.objects.filter(name=settings.EDITORS_GROUP).exists()


def test_demo_twice_duplicates_nothing_and_builds_the_same_people():
    people_demo.seed(context())
    first = list(Employee.objects.order_by("employee_number").values_list("employee_number", "user__last_name"))
    counts = (User.objects.count(), Department.objects.count(), Group.objects.count())
    people_demo.seed(context())
    assert (User.objects.count(), Department.objects.count(), Group.objects.count()) == counts
    assert list(Employee.objects.order_by("employee_number").values_list("employee_number", "user__last_name")) == first


def test_seed_demo_command_takes_the_number_of_employees(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", "--employees", "15", stdout=out)
    call_command("seed_demo", "--employees", "15", stdout=out)
    assert Employee.objects.count() == 15
    assert "Demo ready" in out.getvalue()


def test_seed_demo_refuses_with_debug_off(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("SEED_DEMO_FORCE", raising=False)
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Employee.objects.exists()
