"""Compliance exports too large for a request: a django-q2 job builds the file, the person who asked
follows its progress, finds it on "My exports" for EXPORT_JOB_KEEP_DAYS days and gets an e-mail when
it is ready (or when it failed). Writes of ExportJob live here; the views only call these."""

import datetime
import logging
import os
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_q.tasks import async_task

from courses.people import roles

from . import export_selectors, exports, reminders
from .models import Curriculum, ExportJob

logger = logging.getLogger(__name__)
State = ExportJob.State


def export_filename(*, viewer, extension: str, department=None, curriculum=None, today=None) -> str:
    """compliance-<scope>[-<curriculum>]-<date>.<ext>: the scope is the department (its name, and its
    id so that two departments of one name differ) or the viewer's whole scope."""
    today = today or timezone.localdate()
    if department is not None:
        scope = f"{slugify(department.name) or 'department'}-{department.pk}"
    elif roles.is_training_admin(viewer):
        scope = "all-departments"
    else:
        scope = "my-departments"
    parts = ["compliance", scope]
    if curriculum is not None:
        parts.append(slugify(curriculum.slug) or f"curriculum-{curriculum.pk}")
    parts.append(today.isoformat())
    return f"{'-'.join(parts)}.{extension}"


def export_job_create(*, owner, fmt: str, curriculum: Curriculum | None, department, rows_total: int) -> ExportJob:
    """Record the job and queue its task once the record is committed."""
    with transaction.atomic():
        job = ExportJob(
            owner=owner,
            format=fmt,
            curriculum=curriculum,
            department=department,
            rows_total=rows_total,
            filename=export_filename(viewer=owner, extension=fmt, department=department, curriculum=curriculum),
            expires_at=timezone.now() + datetime.timedelta(days=settings.EXPORT_JOB_KEEP_DAYS),
        )
        job.full_clean()
        job.save()
        transaction.on_commit(lambda: async_task("courses.curricula.tasks.export_job_run", job.pk))
    return job


def _move(job_id: int, target: str, **fields) -> bool:
    """Move the job along ExportJob.TRANSITIONS under a row lock; False if it may not move there."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if not job.can_become(target):
            return False
        job.transition(target)
        for name, value in fields.items():
            setattr(job, name, value)
        job.save()
    return True


def export_job_run(*, job_id: int) -> str:
    """Build the file with the owner's scope as it is now (a head who lost a department no longer
    gets it). Idempotent: a job that is not waiting is left alone. On any error the job is marked
    failed with a message the owner reads; the owner is told by e-mail either way."""
    job = ExportJob.objects.select_related("owner", "owner__employee", "department", "curriculum").get(pk=job_id)
    if not _move(job_id, State.RUNNING):
        return job.state
    owner = job.owner
    handle, path = tempfile.mkstemp(suffix=f".{job.format}")
    os.close(handle)
    try:
        if not roles.is_head_or_training_admin(owner):
            raise PermissionError("not a compliance viewer any more")
        language = reminders._language_of(owner)
        with translation.override(language):
            scope = {"curriculum_id": job.curriculum_id, "department": job.department}

            def progress(done):
                ExportJob.objects.filter(pk=job_id).update(rows_done=min(done, job.rows_total))

            if job.format == ExportJob.Format.CSV:
                header, query = export_selectors.compliance_export_text_rows(owner, **scope)
                with open(path, "wb") as output:
                    exports.write_csv(header, query, output, progress=progress)
            else:
                exports.write_xlsx(
                    export_selectors.compliance_export_rows(owner, **scope),
                    path,
                    title=str(translation.gettext("Compliance")),
                    date_columns=export_selectors.EXPORT_DATE_COLUMNS,
                    widths=export_selectors.EXPORT_WIDTHS,
                    progress=progress,
                )
        with open(path, "rb") as built:
            job.file.save(job.filename, File(built), save=False)
        _move(job_id, State.READY, file=job.file.name, rows_done=job.rows_total)
    except Exception as error:
        logger.exception("Compliance export %s failed", job_id)
        if job.file:
            job.file.delete(save=False)
        _move(job_id, State.FAILED, error=type(error).__name__)
    finally:
        os.unlink(path)
    job.refresh_from_db()
    try:
        reminders._send(owner, "export_ready", {"job": job}) if owner.email else None
    except Exception:
        logger.exception("Could not tell %s about export %s", owner.pk, job_id)
    return job.state


def exports_of(owner):
    """The owner's exports that are still kept, newest first."""
    return ExportJob.objects.filter(owner=owner, expires_at__gt=timezone.now()).select_related(
        "department", "curriculum"
    )


def exports_delete_expired(*, now=None) -> int:
    """Delete the exports past their keeping time, files first. Returns how many went."""
    now = now or timezone.now()
    deleted = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
