"""Recompute the compliance rollup from the assignments and repair any drift (what the nightly task
does), printing what it found. Exit status 0 either way: a drift found is repaired and logged."""

from django.core.management.base import BaseCommand

from courses.curricula.rollups import compliance_rollup_repair


class Command(BaseCommand):
    help = "Recompute the compliance rollup from the assignments; repair and report any drift."

    def handle(self, *args, **options):
        report = compliance_rollup_repair()
        for (department_id, curriculum_id, state, exempt), stored, actual in report.drift:
            self.stdout.write(
                f"Repaired: department {department_id}, curriculum {curriculum_id}, {state}"
                f"{' (exempt)' if exempt else ''}: stored {stored}, actual {actual}"
            )
        self.stdout.write(
            f"Compliance rollup: {report.rows} rows, {report.assignments} assignments, "
            f"{len(report.drift)} drifted row(s) repaired."
        )
