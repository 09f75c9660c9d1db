"""The Wagtail admin home's "Today in training" panel (issue 15, item 8)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cms.dashboard import dashboard_numbers, week_of
from courses.curricula.models import Assignment, CompletionImport
from courses.people.models import ImportRun
from courses.scheduling.requests import services as requests
from tests.curricula.factories import CurriculumFactory
from tests.factories import DepartmentFactory, UserFactory, training_admin
from tests.scheduling.factories import SessionFactory, employee_user

pytestmark = pytest.mark.django_db
State = Assignment.State


def overdue_assignment(state=State.OVERDUE, **kwargs):
    today = timezone.localdate()
    return Assignment.objects.create(
        user=employee_user(),
        curriculum=CurriculumFactory(),
        state=state,
        assigned_at=timezone.now() - datetime.timedelta(days=60),
        due_on=today - datetime.timedelta(days=30),
        **kwargs,
    )


def pending_request():
    planning = DepartmentFactory(name="Planning")
    head = UserFactory()
    planning.heads.add(head)
    return requests.request_create(
        requester=head, department=planning, topic="Language access", audience_size=20, preferred_months=["2027-02"]
    )


def hr_import(outcome=ImportRun.Outcome.APPLIED, name="hr-2026-12.csv"):
    return ImportRun.objects.create(
        source=ImportRun.Source.ADMIN, file_name=name, file_sha256="0" * 64, outcome=outcome, rows=3
    )


def some_data():
    overdue_assignment()
    SessionFactory(starts_at=timezone.now() + datetime.timedelta(minutes=1))
    pending_request()
    hr_import()
    CompletionImport.objects.create(
        source=CompletionImport.Source.COMMAND,
        outcome=CompletionImport.Outcome.REJECTED,
        file_name="old-completions.csv",
        sha256="1" * 64,
    )


@pytest.fixture
def admin_home(client):
    client.force_login(training_admin())
    return lambda: client.get(reverse("wagtailadmin_home"))


def test_a_training_admin_sees_todays_numbers_with_links(admin_home):
    some_data()
    overdue_assignment(state=State.IN_PROGRESS)  # not overdue: not counted
    hr_import(ImportRun.Outcome.REJECTED, name="hr-2026-12-second.csv")  # the last one is shown
    page = admin_home().content.decode()
    assert 'id="training-today-content"' in page
    today = page.split('id="training-today-content"', 1)[1]
    assert reverse("curricula_ops:assignments") + "?state=overdue" in today
    assert reverse("training_requests:list") + "?status=submitted" in today
    assert reverse("people_admin:hr_import") in today and reverse("curricula_ops:import_completions") in today
    assert reverse("scheduling:calendar") in today
    assert "hr-2026-12-second.csv" in today and "Rejected" in today and "old-completions.csv" in today
    numbers = dashboard_numbers()
    assert (numbers.overdue, numbers.pending_requests) == (1, 1)
    assert numbers.sessions_this_week >= 1 or timezone.localdate() == numbers.week_end


def test_the_counts_leave_out_what_is_not_due_cancelled_or_decided():
    overdue_assignment(ended_at=timezone.now())  # ended: history
    SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=40))  # not this week
    start, end = week_of(timezone.localdate())
    midweek = timezone.make_aware(datetime.datetime.combine(start + datetime.timedelta(days=3), datetime.time(10)))
    SessionFactory(starts_at=midweek, status="cancelled")
    SessionFactory(starts_at=midweek)
    numbers = dashboard_numbers()
    assert (numbers.overdue, numbers.sessions_this_week, numbers.pending_requests) == (0, 1, 0)
    assert numbers.last_hr_import is None and numbers.last_completion_import is None


def test_with_no_imports_yet_it_says_so(admin_home):
    assert "none yet" in admin_home().content.decode().split('id="training-today-content"', 1)[1]


def test_the_week_starts_on_the_locales_first_day():
    wednesday = datetime.date(2026, 12, 9)
    with translation.override("en"):  # Sunday
        assert week_of(wednesday) == (datetime.date(2026, 12, 6), datetime.date(2026, 12, 12))
    with translation.override("es"):  # Monday
        assert week_of(wednesday) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 13))
    with translation.override("es"):
        assert week_of(datetime.date(2026, 12, 7))[0] == datetime.date(2026, 12, 7)


def test_an_editor_does_not_get_the_panel(client):
    editor = UserFactory(groups=[settings.EDITORS_GROUP])
    Group.objects.get(name=settings.EDITORS_GROUP).permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    some_data()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'id="training-today-content"' not in response.content.decode()


def test_the_panel_runs_the_same_queries_however_much_data(admin_home):
    some_data()
    admin_home()
    with CaptureQueriesContext(connection) as few:
        admin_home()
    for _ in range(5):
        some_data()
    with CaptureQueriesContext(connection) as many:
        admin_home()
    assert len(many) == len(few)
