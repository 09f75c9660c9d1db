"""django-q2 tasks. They take ids and are idempotent: running one twice changes nothing."""


def hr_import_job_run(job_id: int) -> str:
    """Apply an HR file queued after its preview (lms/import_jobs.py): all or nothing, audited."""
    from lms.import_jobs import import_job_run

    from .exceptions import ImportRejected
    from .models import HRImportJob, ImportRun
    from .services import employees_import

    def run_import(*, owner, file, file_name, progress):
        return employees_import(
            file=file, file_name=file_name, actor=owner, source=ImportRun.Source.ADMIN, progress=progress
        )

    return import_job_run(model=HRImportJob, job_id=job_id, run_import=run_import, rejected=ImportRejected)
