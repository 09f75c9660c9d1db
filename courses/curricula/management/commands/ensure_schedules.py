from django.core.management.base import BaseCommand

from courses.curricula.schedules import ensure_schedules


class Command(BaseCommand):
    help = "Create or correct the django-q2 schedules of the curricula app (idempotent)."

    def handle(self, *args, **options):
        touched = ensure_schedules()
        if touched:
            for name in touched:
                self.stdout.write(f"Scheduled: {name}")
        else:
            self.stdout.write("Schedules already in place.")
