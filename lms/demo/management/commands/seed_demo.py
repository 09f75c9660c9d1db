"""Build a realistic demo city. Idempotent: running it twice duplicates nothing."""

import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.demo import (
    certificates,
    cms,
    courses,
    curricula,
    evaluations,
    insights,
    people,
    programme,
    scheduling,
    translations_seed,
)

# Each module seeds one part of the demo, in this order (later ones use what earlier ones made);
# each has `seed(demo: DemoContext)`.
SEEDERS = [
    people,
    courses,
    cms,
    scheduling,
    programme,
    curricula,
    certificates,
    translations_seed,
    insights,
    evaluations,
]


@dataclass
class DemoContext:
    password: str
    employees: int
    stdout: object
    style: object
    # Filled in by the seeders, for the ones after them.
    departments: dict = field(default_factory=dict)  # code -> Department
    users: dict = field(default_factory=dict)  # role username -> User
    courses: dict = field(default_factory=dict)  # slug -> Course

    def say(self, message):
        self.stdout.write(message)


class Command(BaseCommand):
    help = "Create a realistic demo city: departments, employees, courses, pages, sessions and one account per role."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=200, help="How many employees (default 200).")
        parser.add_argument("--password", default="commonground", help="Password of the demo accounts.")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, employees, password, force, **options):
        if not settings.DEBUG and not force and not os.environ.get("SEED_DEMO_FORCE"):
            raise CommandError("Refusing to seed demo data with DEBUG off (a production database?). Use --force.")
        if employees < 10:
            raise CommandError("--employees must be at least 10.")
        demo = DemoContext(password=password, employees=employees, stdout=self.stdout, style=self.style)
        with transaction.atomic():
            for seeder in SEEDERS:
                seeder.seed(demo)
        self.stdout.write(
            self.style.SUCCESS("Demo ready. Accounts: " + ", ".join(sorted(demo.users)) + f" (password: {password})")
        )
