"""Celery tasks of the toolkits: async boundaries only."""

from __future__ import annotations

from celery import shared_task

from hub.queueing import DATABASE_TASK

# Its own queue (the workers of Procfile.dev and docker-compose.yml take it, prefetch 1): a few
# long ZIP builds never hold up the short tasks (emails, reminders) of the default queue.
QUEUE = "toolkits"


@shared_task(
    name="training.toolkit_archive_build",
    queue=QUEUE,
    # A pool child killed mid-build puts the message back; the advisory lock and the attempts
    # counter on the row keep it from building twice at once or looping forever.
    reject_on_worker_lost=True,
    soft_time_limit=300,
    time_limit=360,
    **DATABASE_TASK,
)
def toolkit_archive_build_task(archive_id: int) -> None:
    """Async boundary only; the work is training.services.toolkits.toolkit_archive_build."""
    from training.services.toolkits import toolkit_archive_build

    toolkit_archive_build(archive_id=archive_id)


@shared_task(
    name="training.toolkit_archive_sweep", soft_time_limit=60, time_limit=90, **DATABASE_TASK
)
def toolkit_archive_sweep_task() -> None:
    """Re-enqueue toolkit archives left waiting (beat, every few minutes); idempotent."""
    from training.services.toolkits import toolkit_archive_sweep

    toolkit_archive_sweep()
