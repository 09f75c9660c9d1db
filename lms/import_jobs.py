"""Imports applied by a django-q2 job (the HR import, the completions import): a file whose preview
has more rows than IMPORT_JOB_THRESHOLD is kept in storage with the preview's checksum and applied
by a task, which re-checks it inside one transaction exactly as the request would have (all or
nothing, audited either way). The import page follows the job's progress.

The import runs in one transaction, and rows written inside it are invisible to the page until it
commits, so progress (ImportProgress) is published where the page sees it at once: to Django's
cache (with REDIS_URL shared by the web and task workers) and, on PostgreSQL, to the job row's
counts through a second connection committing each update on its own. On SQLite without Redis the
page sees the counts once the job ends. The job's state moves only along ImportJob.TRANSITIONS,
outside the import's transaction.

Each app declares its concrete job model (subclassing ImportJob, adding `run`, the audit record)
and a task taking the job's id that calls `import_job_run`."""

import datetime
import hashlib
import logging
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from .state_machine import StateMachine

logger = logging.getLogger(__name__)
PROGRESS_EVERY_ROWS = 500
PROGRESS_EVERY_SECONDS = 1.0
PROGRESS_KEEP_SECONDS = 24 * 3600


def _upload_to(instance, filename):
    # An unguessable folder: the file is read only by the task and deleted once it has run.
    return f"import-jobs/{uuid.uuid4().hex}/{filename}"


# Where a large file waits between its preview and "Apply" (lms.csv_import.PendingUpload).
PENDING_FOLDER = "import-pending"


def file_sha256(stream) -> str:
    """The SHA-256 digest of the binary `stream`, read in chunks from its start."""
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


class ImportJob(StateMachine, models.Model):
    """An import file waiting for (or being applied by) a task."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being imported")
        APPLIED = "applied", _("Imported")
        REJECTED = "rejected", _("Rejected (nothing written)")
        FAILED = "failed", _("Failed (nothing written)")

    TRANSITIONS = {
        State.QUEUED: {State.RUNNING, State.FAILED},
        State.RUNNING: {State.APPLIED, State.REJECTED, State.FAILED},
        State.APPLIED: set(),
        State.REJECTED: set(),
        State.FAILED: set(),
    }
    FINISHED = (State.APPLIED, State.REJECTED, State.FAILED)
    changed_at_field = "state_changed_at"
    illegal_transition_message = _("An import cannot go from %(current)s to %(new)s.")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("asked by")
    )
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("file checksum (SHA-256)"), max_length=64)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def progress_key(self) -> str:
        return f"import-job:{self._meta.label_lower}:{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    def progress(self) -> dict:
        """Rows checked and written so far: the cache's live counts while the job runs."""
        live = {} if self.is_finished else (cache.get(self.progress_key) or {})
        checked = max(self.rows_checked, live.get("checked", 0))
        written = max(self.rows_written, live.get("written", 0))
        total = self.rows_total or 1
        done = 100 if self.is_finished else min(99, (checked + written) * 100 // (2 * total))
        return {
            "state": self.state,
            "state_label": str(self.get_state_display()),
            "rows_total": self.rows_total,
            "rows_checked": checked,
            "rows_written": written,
            "percent": done,
            "counts_label": gettext("%(checked)d of %(total)d rows checked, %(written)d written")
            % {"checked": checked, "total": self.rows_total, "written": written},
        }


class ImportProgress:
    """Counts rows as an import checks and writes them, and publishes the counts every
    PROGRESS_EVERY_ROWS rows (or second), so the page of a running job can show them: to the cache,
    and on PostgreSQL also to the job's row (`job`) through a connection of its own, committed at
    once, because the import's transaction hides everything it writes itself — the database cache's
    rows included — until it ends. (SQLite has one writer at a time: there the cache must do.)"""

    def __init__(self, key: str | None = None, *, job=None):
        self.key = key
        self.job = job
        self.rows_checked = 0
        self.rows_written = 0
        self._published_at = 0.0
        self._published_rows = 0
        self._connection = None

    def checked(self, rows: int = 1) -> None:
        self.rows_checked += rows
        self._maybe_publish()

    def written(self, rows: int = 1) -> None:
        self.rows_written += rows
        self._maybe_publish()

    def _maybe_publish(self) -> None:
        rows = self.rows_checked + self.rows_written
        now = time.monotonic()
        if rows - self._published_rows >= PROGRESS_EVERY_ROWS or now - self._published_at >= PROGRESS_EVERY_SECONDS:
            self.publish()
            self._published_rows, self._published_at = rows, now

    def publish(self) -> None:
        try:  # progress is a courtesy: a cache or connection hiccup must not fail the import
            if self.key is not None:
                cache.set(self.key, {"checked": self.rows_checked, "written": self.rows_written}, PROGRESS_KEEP_SECONDS)
            if self.job is not None and connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
                self._publish_to_job_row()
        except Exception:
            logger.warning("Import progress could not be published", exc_info=True)

    def _publish_to_job_row(self) -> None:
        if self._connection is None:
            self._connection = connections.create_connection(DEFAULT_DB_ALIAS)
        meta = self.job._meta
        quote = self._connection.ops.quote_name
        # Only the model's own table and column names, quoted, are formatted in; values are parameters.
        sql = "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s".format(  # noqa: S608
            *map(quote, (meta.db_table, "rows_checked", "rows_written", meta.pk.column))
        )
        with self._connection.cursor() as cursor:
            cursor.execute(sql, [self.rows_checked, self.rows_written, self.job.pk])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def import_job_create(
    *, model, task: str, owner, file_name: str, rows_total: int, data: bytes | None = None, content=None, sha256=""
):
    """Keep the file (`data`, or `content`, an open django File whose SHA-256 is `sha256`, copied in
    chunks) and queue `task` (a dotted path taking the job's id) once the job is committed."""
    if content is None:
        content, sha256 = ContentFile(data), hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        job = model(owner=owner, file_name=(file_name or "")[-255:], sha256=sha256, rows_total=rows_total)
        job.file.save(job.file_name.rsplit("/", 1)[-1] or "import.csv", content, save=False)
        job.full_clean()
        job.save()
        # An import of 300,000 rows outlives Q_CLUSTER's default 120 s; a copy the broker hands out
        # again meanwhile finds the job running and leaves it alone.
        transaction.on_commit(lambda: async_task(task, job.pk, timeout=settings.IMPORT_JOB_TIMEOUT))
    return job


def _move(model, job_id: int, target: str, **fields) -> bool:
    """Move the job along its TRANSITIONS under a row lock; False if it may not move there."""
    with transaction.atomic():
        job = model.objects.select_for_update().get(pk=job_id)
        if not job.can_transition(job.state, target):
            return False
        job.transition(target)
        for name, value in fields.items():
            setattr(job, name, value)
        job.save()
    return True


def import_job_run(*, model, job_id: int, run_import, rejected: type[Exception]) -> str:
    """Apply a queued job's file: `run_import(owner=, file=, file_name=, progress=)` (`file` an open
    binary file) imports it all or
    nothing and returns (run, plan), or raises `rejected` (with .run, the audit record) — any other
    error was recorded by the import's own audit and marks the job failed. Idempotent: a job that is
    not waiting is left alone. The kept file is deleted once the job has run; the audit record keeps
    its checksum."""
    if not _move(model, job_id, model.State.RUNNING):
        return model.objects.get(pk=job_id).state
    job = model.objects.select_related("owner").get(pk=job_id)
    progress = ImportProgress(job.progress_key, job=job)
    state, fields = model.State.FAILED, {}
    try:
        with job.file.open("rb") as kept:
            if file_sha256(kept) != job.sha256:
                raise ValueError("the kept file is not the one previewed")
            run, _plan = run_import(owner=job.owner, file=kept, file_name=job.file_name, progress=progress)
        state, fields = model.State.APPLIED, {"run": run}
    except rejected as error:
        state, fields = model.State.REJECTED, {"run": getattr(error, "run", None)}
    except Exception:
        logger.exception("Import job %s %s failed", model._meta.label, job_id)
    progress.close()
    fields.update(rows_checked=progress.rows_checked, rows_written=progress.rows_written)
    _move(model, job_id, state, **fields)
    cache.delete(job.progress_key)
    try:
        job.file.delete(save=False)
        model.objects.filter(pk=job_id).update(file="")
    except Exception:
        logger.warning("The kept file of import job %s could not be deleted", job_id, exc_info=True)
    return state


def import_previews_expire(*, now: datetime.datetime | None = None) -> dict:
    """Delete what imports leave behind for longer than IMPORT_PREVIEW_KEEP_HOURS: files previewed but
    never applied (their session forgot them), and the kept files of jobs that never ran (marked
    failed, nothing having been written) or whose file could not be deleted when they ran. Returns
    how many previews and jobs were cleaned up."""
    from django.utils import timezone

    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.IMPORT_PREVIEW_KEEP_HOURS)
    previews = 0
    try:
        folders, _files = default_storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        folders = []
    for folder in folders:
        directory = f"{PENDING_FOLDER}/{folder}"
        for name in default_storage.listdir(directory)[1]:
            path = f"{directory}/{name}"
            try:
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
                    previews += 1
            except FileNotFoundError:  # applied (and deleted) meanwhile
                continue
    jobs = 0
    for model in apps.get_models():
        if not issubclass(model, ImportJob):
            continue
        for job_id in model.objects.filter(state=model.State.QUEUED, created_at__lt=cutoff).values_list(
            "pk", flat=True
        ):
            _move(model, job_id, model.State.FAILED)
            logger.warning("Import job %s %s never ran; marked failed", model._meta.label, job_id)
        stale = model.objects.filter(state__in=model.FINISHED, created_at__lt=cutoff).exclude(file="")
        for job in stale:
            try:
                job.file.delete(save=False)
            except Exception:
                logger.warning("The kept file of import job %s could not be deleted", job.pk, exc_info=True)
                continue
            model.objects.filter(pk=job.pk).update(file="")
            jobs += 1
    return {"previews": previews, "jobs": jobs}
