"""Factories and helpers for the curricula tests."""

import datetime

import factory
from django.utils import timezone

from courses.catalogue.models import CourseCompletion
from courses.curricula import services
from courses.curricula.models import Assignment, Curriculum
from tests.factories import CourseFactory, DepartmentFactory, EmployeeFactory, UserFactory


class CurriculumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Curriculum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Mandatory curriculum {n}")
    slug = factory.Sequence(lambda n: f"curriculum-{n}")
    due_days = 30

    @factory.post_generation
    def courses(self, create, extracted, **kwargs):
        if not create:
            return
        self.courses.set(extracted if extracted is not None else [CourseFactory()])

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.audience_departments.set(extracted)


def complete(user, course, when):
    """Record a course completion at `when` (a date is noon in the city's time zone)."""
    if isinstance(when, datetime.date) and not isinstance(when, datetime.datetime):
        when = timezone.make_aware(datetime.datetime.combine(when, datetime.time(12)))
    return CourseCompletion.objects.create(user=user, course=course, completed_at=when, source="learner")


def employee(**kwargs):
    return EmployeeFactory(**kwargs)


def city_with_compliance():
    """City > Parks > Trails, City > Police; a head of Parks; one curriculum assigned to everyone:
    Parks has one certified and one overdue person, Trails one not started, Police one certified."""
    root = DepartmentFactory(name="City of Example")
    parks = DepartmentFactory(name="Parks", parent=root)
    trails = DepartmentFactory(name="Trails", parent=parks)
    police = DepartmentFactory(name="Police", parent=root)
    head = UserFactory(username="parkshead")
    parks.heads.add(head)
    course = CourseFactory(title="Foundations")
    curriculum = CurriculumFactory(name="Anti-Racism Foundations", courses=[course], due_days=30)
    people = {
        "ana": EmployeeFactory(department=parks, user__first_name="Ana", user__last_name="Ruiz"),
        "ben": EmployeeFactory(department=parks, user__first_name="Ben", user__last_name="Okafor"),
        "cai": EmployeeFactory(department=trails, user__first_name="Cai", user__last_name="Lin"),
        "dee": EmployeeFactory(department=police, user__first_name="Dee", user__last_name="Outsider"),
    }
    today = timezone.localdate()
    services.assignments_reconcile(today=today - datetime.timedelta(days=40))
    # Saving an employee may already have assigned them (on commit, in transactional tests): set the
    # due dates explicitly either way.
    Assignment.objects.update(due_on=today - datetime.timedelta(days=10))
    Assignment.objects.filter(user=people["cai"].user).update(due_on=today + datetime.timedelta(days=5))
    for name in ("ana", "dee"):
        complete(people[name].user, course, today - datetime.timedelta(days=3))
        services.assignments_evaluate_for_user(user_id=people[name].user_id)
    services.assignments_advance_by_date()
    return {
        "root": root,
        "parks": parks,
        "trails": trails,
        "police": police,
        "head": head,
        "curriculum": curriculum,
        "course": course,
        "people": people,
    }


def rollup_matches_assignments():
    """The stored compliance rollup (empty rows left out) equals the one computed from the assignments."""
    from courses.curricula import rollups

    stored = {key: n for key, (_pk, n) in rollups.rollup_stored().items() if n}
    return stored == dict(rollups.rollup_truth())


def compliance_from_assignments(viewer, *, curriculum_id=None, department=None):
    """The compliance report computed the way it was before the rollup existed, from every
    assignment: the reference the rollup-based `compliance_by_department` must equal. Returns
    ([(department id, depth, subtree counts, own counts)], total)."""
    from django.db.models import Count

    from courses.curricula import selectors
    from courses.people.models import Department

    per_department = (
        selectors.compliance_assignments(viewer, curriculum_id=curriculum_id, department=department)
        .values("user__employee__department_id")
        .annotate(
            n_assigned=Count("pk"),
            **{f"n_{name}": Count("pk", filter=q) for name, q in selectors.CATEGORIES.items()},
        )
        .order_by()
    )
    own = {
        row["user__employee__department_id"]: selectors.Counts(
            **{name: row[f"n_{name}"] for name in selectors.COUNT_FIELDS}
        )
        for row in per_department
    }
    departments = selectors.visible_departments_of(viewer)
    if department is not None:
        departments = departments.filter(path__startswith=department.path)
    departments = list(departments)
    totals = {d.path: selectors.Counts() for d in departments}
    for dept in departments:
        for end in range(Department.steplen, len(dept.path) + 1, Department.steplen):
            if dept.path[:end] in totals and dept.pk in own:
                totals[dept.path[:end]].add(own[dept.pk])
    top = min((d.depth for d in departments), default=1)
    rows = [(d.pk, d.depth - top, totals[d.path], own.get(d.pk, selectors.Counts())) for d in departments]
    grand = selectors.Counts()
    for counts in own.values():
        grand.add(counts)
    return rows, grand


def compliance_from_rollup(viewer, **kwargs):
    """`compliance_by_department` in the shape of `compliance_from_assignments`."""
    from courses.curricula import selectors

    rows, total = selectors.compliance_by_department(viewer, **kwargs)
    return [(row.department.pk, row.depth, row.total, row.own) for row in rows], total
