"""Celery tasks of the library: async boundaries only."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task

from hub.queueing import DATABASE_TASK


@shared_task(
    name="library.document_extract",
    bind=True,
    # A pool child killed mid-task (OOM killer, SIGKILL) puts its message back at once; the
    # service recognises the redelivered message by its id and takes the document over.
    reject_on_worker_lost=True,
    soft_time_limit=300,
    time_limit=360,
    **DATABASE_TASK,
)
def document_extract_task(self: Task[Any, Any], document_id: int) -> None:
    """Async boundary only; the work is library.services.document_extract."""
    from library.services import document_extract

    document_extract(document_id=document_id, task_id=self.request.id)


@shared_task(name="library.document_sweep", ignore_result=True, soft_time_limit=60, time_limit=90)
def document_sweep_task() -> None:
    """Re-enqueue documents stuck in pending or processing (beat)."""
    from library.services import document_sweep

    document_sweep()
