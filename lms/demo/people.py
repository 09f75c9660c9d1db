"""Demo organisation: the city's departments as a tree, employees with diverse names, languages and
hire dates, and one account per role. The organisation itself (departments, job titles, name pools,
role accounts) is data: `data/organisation.json`.

Written through `courses.people.services` (departments, employees, heads, job titles), so the demo
city is built the way HR builds the real one and curricula hear of every new employee. The role
accounts have chosen usernames and passwords, which no service makes: those users, and the employee
records attached to them, are created with their models and `full_clean()`.

Idempotent: departments are matched by code, employees by employee number and the role accounts by
username, so running the seed again adds nothing. The random choices come from a fixed seed, so
every run builds the same city."""

import datetime
import random
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.people import services
from courses.people.models import Department, Employee

from . import loader

User = get_user_model()

SEED = 20240611  # the random seed: the same demo city every time

# Group keys of `role_accounts` in data/organisation.json → the groups they stand for.
GROUPS = {
    "facilitators": settings.FACILITATORS_GROUP,
    "training_admins": settings.TRAINING_ADMINS_GROUP,
    "editors": settings.EDITORS_GROUP,
    "moderators": "Moderators",  # Wagtail's own group of page moderators
}


def organisation():
    """The sample organisation (data/organisation.json): departments, name pools, role accounts."""
    return loader.load("organisation")


def seed(demo):
    """Departments, employees and role accounts; fills `demo.departments` (code → Department) and
    `demo.users` (role username → User)."""
    data = organisation()
    with transaction.atomic():
        departments = _seed_departments(data["departments"])
        demo.departments.update(departments)
        users = _seed_role_accounts(demo, data, departments)
        demo.users.update(users)
        count = max(demo.employees - len(data["role_accounts"]), 0)
        created = _seed_employees(data, departments, count=count)
        _seed_heads(data, departments, users)
    demo.say(
        f"People: {len(departments)} departments, {Employee.objects.count()} employees "
        f"({created} new), accounts {', '.join(sorted(users))}."
    )


def _seed_departments(specs):
    departments = {}
    for spec in specs:
        code, name = spec["code"], spec["name"]
        parent = departments.get(spec["parent"])
        department = Department.objects.filter(code=code).first()
        if department is None:
            department = services.department_save(department=Department(code=code, name=name), parent=parent)
        elif department.name != name or (parent is not None and department.get_parent() != parent):
            department.name = name
            department = services.department_save(department=department, parent=parent or department.get_parent())
        departments[code] = department
    # Moves and inserts shift materialised paths: hand out fresh rows.
    return {department.code: department for department in Department.objects.filter(code__in=departments)}


def _seed_role_accounts(demo, data, departments):
    users = {}
    for number, spec in enumerate(data["role_accounts"], 1):
        username = spec["username"]
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = spec["first_name"], spec["last_name"]
        user.email = f"{username}@{data['email_domain']}"
        user.is_active = True
        user.set_password(demo.password)
        user.full_clean()
        user.save()
        user.groups.add(*[Group.objects.get_or_create(name=GROUPS[key])[0] for key in spec["groups"]])
        values = {
            "department": departments[spec["department"]],
            "job_title": spec["job_title"],
            "preferred_language": spec["language"],
            "active": True,
        }
        hire_date = datetime.date(2018 + number, 3, 5)
        employee = Employee.objects.filter(user=user).first()
        if employee is None:
            employee = Employee(user=user, employee_number=f"D{number:05d}", hire_date=hire_date, **values)
            employee.full_clean()
            employee.save()
            services.announce_employee_changed(
                employee_id=employee.pk, created=True, changed_fields=services.TRACKED_FIELDS
            )
        else:
            services.employee_update(employee=employee, hire_date=employee.hire_date or hire_date, **values)
        users[username] = user
    return users


def _ascii(text):
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in folded if char.isascii() and (char.isalnum() or char in " -")).strip()


def _email_local(first, last, number):
    given = _ascii(first).split(" ")[0].lower()
    family = _ascii(last).replace(" ", "").replace("-", "").lower()
    if given and family:
        return f"{given}.{family}.{number}"
    return f"employee.{number}"


def _person(rng, pools):
    pool = rng.choices(pools, weights=[pool["weight"] for pool in pools])[0]
    languages = pool["languages"]
    language = rng.choice(languages) if languages and rng.random() < pool["language_share"] else "en"
    return rng.choice(pool["given_names"]), rng.choice(pool["family_names"]), language


def _hire_date(rng, today, new_hire_share):
    if rng.random() < new_hire_share:
        return today - datetime.timedelta(days=rng.randint(1, 59))  # hired within the last 60 days
    return today - datetime.timedelta(days=rng.randint(90, 30 * 365))


def _seed_employees(data, departments, count):
    """`count` generated employees, numbered 100001…; the same people on every run."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    specs = data["departments"]
    codes = [spec["code"] for spec in specs]
    # Bigger departments get more people: operations staff outnumber the City Manager's Office.
    weights = [spec["staffing_weight"] for spec in specs]
    titles = {spec["code"]: spec["job_titles"] for spec in specs}
    existing = set(Employee.objects.filter(employee_number__startswith="1").values_list("employee_number", flat=True))
    created = 0
    for index in range(count):
        number = str(100001 + index)
        first, last, language = _person(rng, data["name_pools"])
        code = rng.choices(codes, weights=weights)[0]
        title = rng.choice(titles[code][1:])
        hire_date = _hire_date(rng, today, data["new_hire_share"])
        if number in existing:
            continue
        # Demo employees do not log in (the service gives them no usable password); the role accounts do.
        services.employee_create(
            employee_number=number,
            first_name=first,
            last_name=last,
            email=f"{_email_local(first, last, number)}@{data['email_domain']}",
            department=departments[code],
            job_title=title,
            hire_date=hire_date,
            preferred_language=language,
        )
        created += 1
    return created


def _add_head(department, user):
    heads = list(department.heads.all())
    if user not in heads:
        services.department_save(department=department, parent=department.get_parent(), heads=[*heads, user])


def _seed_heads(data, departments, users):
    """Role accounts with `heads` head that department (and so its subtree); every other department
    without a head gets one of its own employees, titled as its director (its first job title)."""
    for spec in data["role_accounts"]:
        if spec.get("heads"):
            _add_head(departments[spec["heads"]], users[spec["username"]])
    titles = {spec["code"]: spec["job_titles"] for spec in data["departments"]}
    for code, department in departments.items():
        if department.heads.exists():
            continue
        director = (
            Employee.objects.filter(department=department, employee_number__startswith="1", active=True)
            .order_by("employee_number")
            .select_related("user")
            .first()
        )
        if director is None:
            continue
        services.employee_update(employee=director, job_title=titles[code][0])
        _add_head(department, director.user)
