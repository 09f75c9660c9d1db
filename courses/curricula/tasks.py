"""django-q2 tasks. They take ids and are idempotent: running one twice changes nothing."""

import logging

logger = logging.getLogger(__name__)


def assignments_evaluate_for_user(user_id: int) -> int:
    """A course completion of this person may certify (or renew) their assignments."""
    from . import services

    return services.assignments_evaluate_for_user(user_id=user_id)


def assignments_evaluate_for_users(user_ids: list[int]) -> int:
    """Completions of these people were recorded at once: re-evaluate their assignments together."""
    from . import services

    return services.assignments_evaluate_for_users(user_ids=user_ids)


def assignments_reconcile_employee(employee_id: int) -> dict:
    """An employee was hired, moved, retitled or deactivated: reconcile that person's assignments."""
    from courses.people.models import Employee

    from . import services

    user_id = Employee.objects.filter(pk=employee_id).values_list("user_id", flat=True).first()
    if user_id is None:
        logger.info("Employee %s no longer exists; the nightly reconciliation ends their assignments", employee_id)
        return {"created": 0, "ended": 0}
    result = services.assignments_reconcile(user_ids=[user_id])
    return {"created": result.created, "ended": result.ended}


def assignments_reconcile_employees(employee_ids: list[int]) -> dict:
    """Many employees were hired, moved, retitled or deactivated at once (an HR import): reconcile
    their assignments together."""
    from courses.people.models import Employee

    from . import services

    user_ids = list(Employee.objects.filter(pk__in=employee_ids).values_list("user_id", flat=True))
    if not user_ids:
        return {"created": 0, "ended": 0}
    result = services.assignments_reconcile(user_ids=user_ids)
    return {"created": result.created, "ended": result.ended}


def curricula_nightly() -> dict:
    """Nightly: reconcile every curriculum's audience, then apply the calendar (overdue, renewal
    windows, expiry)."""
    from . import services

    result = services.assignments_reconcile()
    moved = services.assignments_advance_by_date()
    summary = {"created": result.created, "ended": result.ended, **{str(k): v for k, v in moved.items()}}
    logger.info("Curricula nightly: %s", summary)
    return summary


def reminders_daily() -> dict:
    """Daily, after the nightly run: reminders before the due date, overdue notices and renewal window
    notices. Each notice is sent once (courses.curricula.reminders, send log)."""
    from . import reminders

    sent = reminders.reminders_send()
    logger.info("Curricula reminders: %s", sent)
    return sent


def head_digests_weekly() -> int:
    """Weekly: each department head gets the overdue people of their own subtree, once per period."""
    from . import reminders

    sent = reminders.head_digests_send()
    logger.info("Curricula head digests sent: %s", sent)
    return sent


def curriculum_apply(curriculum_id: int) -> dict:
    """A training admin saved a curriculum in a large organisation: reconcile and re-evaluate it."""
    from . import services

    result = services.assignments_reconcile(curriculum_id=curriculum_id)
    changed = services.assignments_evaluate_curriculum(curriculum_id=curriculum_id)
    enrolled = services.curriculum_enrol_assignees(curriculum_id=curriculum_id)
    return {"created": result.created, "ended": result.ended, "changed": changed, "enrolled": enrolled}


def export_job_run(job_id: int) -> str:
    """Build one large compliance export for the person who asked (courses.curricula.export_jobs)."""
    from . import export_jobs

    return export_jobs.export_job_run(job_id=job_id)


def exports_expire() -> int:
    """Daily: delete compliance exports kept longer than EXPORT_JOB_KEEP_DAYS."""
    from . import export_jobs

    deleted = export_jobs.exports_delete_expired()
    logger.info("Expired compliance exports deleted: %s", deleted)
    return deleted


def completion_import_job_run(job_id: int) -> str:
    """Apply a completions file queued after its preview (lms/import_jobs.py): all or nothing, audited."""
    from lms.import_jobs import import_job_run

    from .import_services import CompletionImportRejected, completions_import
    from .models import CompletionImport, CompletionImportJob

    def run_import(*, owner, file, file_name, progress):
        return completions_import(
            file=file, file_name=file_name, actor=owner, source=CompletionImport.Source.ADMIN, progress=progress
        )

    return import_job_run(
        model=CompletionImportJob, job_id=job_id, run_import=run_import, rejected=CompletionImportRejected
    )


def compliance_rollup_check() -> dict:
    """Nightly, after the calendar run: recompute the compliance rollup from the assignments, repair
    and log any drift (courses.curricula.rollups)."""
    from . import rollups

    report = rollups.compliance_rollup_repair()
    return {"rows": report.rows, "assignments": report.assignments, "drift": len(report.drift)}
