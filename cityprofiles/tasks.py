"""Celery tasks of city profiles: async boundaries only (beat runs them)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="cityprofiles.introductions_expire",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=180,
)
def introductions_expire_task() -> None:
    """Expire unanswered introduction requests (beat, hourly); idempotent."""
    from cityprofiles.services.introductions import introductions_expire

    introductions_expire()


@shared_task(
    name="cityprofiles.introductions_follow_up",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=180,
)
def introductions_follow_up_task() -> None:
    """Ask, once, whether introductions made a while ago helped (beat, hourly); idempotent."""
    from cityprofiles.services.introductions import introductions_follow_up

    introductions_follow_up()
