"""Celery tasks of city profiles: async boundaries only (beat runs them)."""

from __future__ import annotations

from celery import shared_task

from hub.queueing import DATABASE_TASK


@shared_task(
    name="cityprofiles.introductions_expire", soft_time_limit=120, time_limit=180, **DATABASE_TASK
)
def introductions_expire_task() -> None:
    """Expire unanswered introduction requests (beat, hourly); idempotent."""
    from cityprofiles.services.introductions import introductions_expire

    introductions_expire()


@shared_task(
    name="cityprofiles.introductions_follow_up",
    soft_time_limit=120,
    time_limit=180,
    **DATABASE_TASK,
)
def introductions_follow_up_task() -> None:
    """Ask, once, whether introductions made a while ago helped (beat, hourly); idempotent."""
    from cityprofiles.services.introductions import introductions_follow_up

    introductions_follow_up()
