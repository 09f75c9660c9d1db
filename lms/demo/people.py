"""Demo organisation: the city's departments as a tree, employees with diverse names, languages and
hire dates, and one account per role. Idempotent: departments are matched by code, employees by
employee number and the role accounts by username, so running the seed again adds nothing. The
random choices come from a fixed seed, so every run builds the same city."""

import datetime
import random
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.people.hr_import import username_for
from courses.people.models import Department, Employee

User = get_user_model()

SEED = 20240611  # the random seed: the same demo city every time

# (code, name, parent code). The City Manager's Office is the root of the tree.
DEPARTMENTS = [
    ("city", "City Manager's Office", None),
    ("equity", "Office of Equity and Inclusion", "city"),
    ("planning", "Planning", "city"),
    ("planning-current", "Current Planning and Zoning", "planning"),
    ("planning-long-range", "Long Range Planning", "planning"),
    ("planning-code", "Code Enforcement", "planning"),
    ("env-health", "Environmental Health", "city"),
    ("env-health-air", "Air Quality", "env-health"),
    ("env-health-consumer", "Consumer Health Protection", "env-health"),
    ("hr", "Human Resources", "city"),
    ("police", "Police", "city"),
    ("police-field", "Field Services", "police"),
    ("police-academy", "Police Training Academy", "police"),
    ("fire", "Fire and Rescue", "city"),
    ("transit", "Transit", "city"),
    ("parks", "Parks and Recreation", "city"),
    ("contact-311", "311 Community Contact Center", "city"),
    ("libraries", "Libraries", "city"),
    ("public-works", "Public Works", "city"),
    ("public-works-streets", "Streets", "public-works"),
    ("public-works-solid-waste", "Solid Waste", "public-works"),
    ("water", "Water Utility", "city"),
    ("finance", "Finance and Administrative Services", "city"),
]

# Job titles by department (the first is the director's title).
JOB_TITLES = {
    "city": ["City Manager", "Deputy City Manager", "Policy Analyst", "Executive Assistant"],
    "equity": ["Chief Equity Officer", "Equity Program Manager", "Training Coordinator", "Language Access Specialist"],
    "planning": ["Planning Director", "Senior Planner", "Planner", "Planning Technician"],
    "planning-current": ["Zoning Manager", "Zoning Planner", "Permit Technician"],
    "planning-long-range": ["Long Range Planning Manager", "Urban Designer", "GIS Analyst"],
    "planning-code": ["Code Enforcement Manager", "Code Enforcement Inspector", "Housing Inspector"],
    "env-health": ["Environmental Health Director", "Environmental Health Scientist", "Epidemiologist"],
    "env-health-air": ["Air Quality Manager", "Air Quality Specialist", "Monitoring Technician"],
    "env-health-consumer": ["Consumer Health Manager", "Food Safety Inspector", "Pool Inspector"],
    "hr": ["Human Resources Director", "HR Business Partner", "Recruiter", "Benefits Specialist"],
    "police": ["Chief of Police", "Police Lieutenant", "Crime Analyst", "Records Technician"],
    "police-field": ["Field Services Commander", "Police Officer", "Police Sergeant", "Community Liaison"],
    "police-academy": ["Academy Director", "Academy Instructor", "Training Sergeant"],
    "fire": ["Fire Chief", "Firefighter", "Fire Captain", "Paramedic", "Fire Inspector"],
    "transit": ["Transit Director", "Bus Operator", "Transit Supervisor", "Dispatcher", "Mechanic"],
    "parks": ["Parks and Recreation Director", "Recreation Leader", "Park Ranger", "Aquatics Coordinator"],
    "contact-311": ["311 Manager", "Customer Service Agent", "Bilingual Customer Service Agent", "Team Lead"],
    "libraries": ["Library Director", "Librarian", "Library Assistant", "Youth Services Librarian"],
    "public-works": ["Public Works Director", "Civil Engineer", "Project Manager"],
    "public-works-streets": ["Streets Superintendent", "Maintenance Worker", "Equipment Operator"],
    "public-works-solid-waste": ["Solid Waste Superintendent", "Sanitation Driver", "Recycling Coordinator"],
    "water": ["Water Utility Director", "Water Treatment Operator", "Hydrologist", "Meter Technician"],
    "finance": ["Chief Financial Officer", "Accountant", "Budget Analyst", "Payroll Specialist"],
}

# Names by tradition: (given names, family names, languages some of them prefer, share who do).
# Django's user keeps given names in first_name and the family name in last_name and shows them in
# that order, so a family-name-first name such as Nguyễn Thị Hương is stored as given "Thị Hương",
# family "Nguyễn", as most US HR systems record it.
NAME_POOLS = [
    (
        [
            "María Guadalupe",
            "José",
            "Juan Carlos",
            "Lucía",
            "Alejandro",
            "Rosa",
            "Miguel Ángel",
            "Verónica",
            "Andrés",
            "Ximena",
            "Joaquín",
            "Dolores",
            "Ramón",
            "Itzel",
            "Santiago",
            "Yolanda",
        ],
        [
            "Martínez",
            "Hernández",
            "García",
            "López",
            "Chávez",
            "Romero",
            "Sánchez",
            "Baca",
            "Gallegos",
            "Montoya",
            "Archuleta",
            "Trujillo",
            "Ortiz",
            "Durán",
        ],
        ["es"],
        0.35,
    ),
    (
        ["Thị Hương", "Văn Minh", "Thị Lan", "Đức Anh", "Thu Trang", "Quốc Bảo", "Ngọc Ánh", "Hoàng Long"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng"],
        ["vi"],
        0.45,
    ),
    (
        ["小明", "丽华", "建国", "美玲", "伟", "静", "Wei", "Mei", "Jun", "Xiaoling"],
        ["王", "李", "张", "陈", "Chen", "Zhang", "Liu", "Huang"],
        ["zh-hans"],
        0.4,
    ),
    (
        ["Fatima", "Omar", "Layla", "Youssef", "Amira", "Khalid", "Noor", "Hassan", "ليلى", "محمد"],
        ["Al-Sayed", "Haddad", "Mansour", "Nasser", "Khoury", "Abdullah", "حداد", "منصور"],
        ["ar"],
        0.35,
    ),
    (
        ["Darnell", "Keisha", "Malik", "Aaliyah", "Jamal", "Tanisha", "Andre", "Imani", "Marcus", "Nia"],
        ["Washington", "Jefferson", "Robinson", "Jackson", "Coleman", "Brooks", "Freeman"],
        [],
        0.0,
    ),
    (
        ["Shandiin", "Nizhoni", "Ahiga", "Kai", "Dezbah", "Tahoma", "Winona", "Hania"],
        ["Begay", "Yazzie", "Tsosie", "Benally", "Chee", "Lucero", "Pino"],
        [],
        0.0,
    ),
    (
        [
            "Emily",
            "Michael",
            "Sarah",
            "David",
            "Jennifer",
            "Robert",
            "Megan",
            "Thomas",
            "Katherine",
            "Patrick",
            "Olivia",
            "Liam",
            "Hannah",
            "Ethan",
        ],
        [
            "Smith",
            "Johnson",
            "Miller",
            "Anderson",
            "O'Brien",
            "Schneider",
            "Kowalski",
            "Murphy",
            "Larsen",
            "Thompson",
            "Fitzgerald",
        ],
        [],
        0.0,
    ),
    (
        [
            "Priya",
            "Arjun",
            "Ananya",
            "Rohan",
            "Hyun-woo",
            "Ji-yeon",
            "Kenji",
            "Aiko",
            "Amani",
            "Chidi",
            "Ngozi",
            "Tesfaye",
            "Kofi",
            "Abena",
        ],
        ["Patel", "Sharma", "Kim", "Park", "Tanaka", "Okafor", "Mensah", "Bekele", "Adeyemi"],
        [],
        0.0,
    ),
]
POOL_WEIGHTS = [30, 8, 6, 6, 12, 8, 22, 8]

# The role accounts: username -> (first name, last name, department code, job title, language, groups).
ROLE_ACCOUNTS = {
    "employee": ("Rosa", "Chávez", "contact-311", "Bilingual Customer Service Agent", "en", []),
    "head": ("Darnell", "Washington", "planning", "Planning Director", "en", []),
    "facilitator": ("Thị Hương", "Nguyễn", "equity", "Training Coordinator", "en", [settings.FACILITATORS_GROUP]),
    "trainingadmin": ("Amara", "Okafor", "equity", "Equity Program Manager", "en", [settings.TRAINING_ADMINS_GROUP]),
    "editor": ("Layla", "Haddad", "equity", "Communications Specialist", "en", [settings.EDITORS_GROUP, "Moderators"]),
}
# Department headed by the `head` account: Planning and the three departments below it.
HEAD_DEPARTMENT = "planning"

NEW_HIRE_SHARE = 0.08  # employees hired within the last 60 days, for the new-hire curriculum rule


def seed(demo):
    """Departments, employees and role accounts; fills `demo.departments` (code → Department) and
    `demo.users` (role username → User)."""
    with transaction.atomic():
        departments = _seed_departments()
        demo.departments.update(departments)
        users = _seed_role_accounts(demo, departments)
        demo.users.update(users)
        created = _seed_employees(demo, departments, count=max(demo.employees - len(ROLE_ACCOUNTS), 0))
        _seed_heads(departments, users)
    demo.say(
        f"People: {len(departments)} departments, {Employee.objects.count()} employees "
        f"({created} new), accounts {', '.join(sorted(users))}."
    )


def _seed_departments():
    departments = {}
    for code, name, parent_code in DEPARTMENTS:
        parent = departments.get(parent_code)
        department = Department.objects.filter(code=code).first()
        if department is None:
            if parent is None:
                department = Department.add_root(code=code, name=name)
            else:
                department = parent.add_child(code=code, name=name)
                parent.refresh_from_db()
        else:
            if department.name != name:
                department.name = name
                department.save(update_fields=["name"])
            if parent is not None and department.get_parent() != parent:
                department.move(parent, pos="sorted-child")
                department.refresh_from_db()
        departments[code] = department
    # Moves and inserts shift materialised paths: hand out fresh rows.
    return {department.code: department for department in Department.objects.filter(code__in=departments)}


def _seed_role_accounts(demo, departments):
    users = {}
    for number, (username, (first, last, code, title, language, groups)) in enumerate(ROLE_ACCOUNTS.items(), 1):
        user, _created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@city.example"
        user.is_active = True
        user.set_password(demo.password)
        user.save()
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
        employee = Employee.objects.filter(user=user).first() or Employee(user=user)
        employee.employee_number = employee.employee_number or f"D{number:05d}"
        employee.department = departments[code]
        employee.job_title = title
        employee.preferred_language = language
        employee.hire_date = employee.hire_date or datetime.date(2018 + number, 3, 5)
        employee.active = True
        employee.deactivated_at = None
        employee.full_clean()
        employee.save()
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


def _person(rng):
    given_names, family_names, languages, share = rng.choices(NAME_POOLS, weights=POOL_WEIGHTS)[0]
    language = rng.choice(languages) if languages and rng.random() < share else "en"
    return rng.choice(given_names), rng.choice(family_names), language


def _hire_date(rng, today):
    if rng.random() < NEW_HIRE_SHARE:
        return today - datetime.timedelta(days=rng.randint(1, 59))
    return today - datetime.timedelta(days=rng.randint(90, 30 * 365))


def _seed_employees(demo, departments, count):
    """`count` generated employees, numbered 100001…; the same people on every run."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    codes = [code for code, _name, _parent in DEPARTMENTS]
    # Bigger departments get more people: operations staff outnumber the City Manager's Office.
    weights = [{"police-field": 8, "fire": 7, "transit": 7, "contact-311": 5, "parks": 5}.get(c, 3) for c in codes]
    existing = set(Employee.objects.filter(employee_number__startswith="1").values_list("employee_number", flat=True))
    created = 0
    for index in range(count):
        number = str(100001 + index)
        first, last, language = _person(rng)
        code = rng.choices(codes, weights=weights)[0]
        title = rng.choice(JOB_TITLES[code][1:])
        hire_date = _hire_date(rng, today)
        if number in existing:
            continue
        user = User(
            username=username_for(number),
            first_name=first,
            last_name=last,
            email=f"{_email_local(first, last, number)}@city.example",
        )
        user.set_unusable_password()  # demo employees do not log in; the role accounts do
        user.save()
        employee = Employee(
            user=user,
            employee_number=number,
            department=departments[code],
            job_title=title,
            hire_date=hire_date,
            preferred_language=language,
        )
        employee.full_clean()
        employee.save()
        created += 1
    return created


def _seed_heads(departments, users):
    """The `head` account heads Planning (and so its subtree); every other department without a head
    gets one of its own employees, titled as its director."""
    planning = departments[HEAD_DEPARTMENT]
    planning.heads.add(users["head"])
    for code, department in departments.items():
        if code == HEAD_DEPARTMENT or department.heads.exists():
            continue
        director = (
            Employee.objects.filter(department=department, employee_number__startswith="1", active=True)
            .order_by("employee_number")
            .select_related("user")
            .first()
        )
        if director is None:
            continue
        director.job_title = JOB_TITLES[code][0]
        director.save(update_fields=["job_title", "updated_at"])
        department.heads.add(director.user)
