"""Celery tasks of events: async boundaries only (beat runs them)."""

from __future__ import annotations

from celery import shared_task

from hub.queueing import DATABASE_TASK


@shared_task(name="events.reminders_send", soft_time_limit=300, time_limit=360, **DATABASE_TASK)
def reminders_send_task() -> None:
    """Remind confirmed participants a week and a day before their event (beat, every 15
    minutes); idempotent: one email per person per reminder. Tells too whoever a change of
    time or place has not reached yet (a task lost while the broker was away)."""
    from events.services.notifications import changes_send, reminders_send

    reminders_send()
    changes_send()


@shared_task(name="events.changes_send", soft_time_limit=300, time_limit=360, **DATABASE_TASK)
def changes_send_task(event_id: int) -> None:
    """Email the participants of the event its new time and place (enqueued when staff change
    them); idempotent: one email per person per change."""
    from events.services.notifications import changes_send

    changes_send(event_id=event_id)


@shared_task(
    name="events.attendee_data_sweep", soft_time_limit=600, time_limit=660, **DATABASE_TASK
)
def attendee_data_sweep_task() -> None:
    """Anonymise the registrations of events past their keeping time (beat, daily);
    idempotent."""
    from events.services.attendee_data import attendee_data_sweep

    attendee_data_sweep()
