"""Celery tasks of certificates: async boundaries only."""

from __future__ import annotations

from celery import shared_task

from hub.queueing import DATABASE_TASK


@shared_task(
    name="training.certificate_render",
    # A certificate is drawn in about a second; a minute means something is wrong.
    soft_time_limit=60,
    time_limit=90,
    **DATABASE_TASK,
)
def certificate_render_task(certificate_id: int) -> None:
    """Async boundary only; the work is training.services.certificates.certificate_render."""
    from training.services.certificates import certificate_render

    certificate_render(certificate_id=certificate_id)


@shared_task(
    name="training.certificate_sweep", ignore_result=True, soft_time_limit=60, time_limit=90
)
def certificate_sweep_task() -> None:
    """Send certificates stuck in pending to the render task again (beat, every 10 minutes)."""
    from training.services.certificates import certificate_sweep

    certificate_sweep()
