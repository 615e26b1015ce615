"""Celery tasks of the core app: async boundaries only."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task


@shared_task(
    name="hub.email_send",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    soft_time_limit=30,
    time_limit=60,
)
def email_send_task(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: list[list[str]] | None = None,
) -> None:
    """Send one already-rendered email through Django's configured backend.

    `attachments`: [filename, content, mimetype] lists, the content as text for ``text/*``
    types and base64 otherwise (hub.services.email.email_send).

    Retries on SMTP and connection errors. Delivery is at least once: a worker dying after the
    SMTP server accepted the message but before the ack sends it again.
    """
    import base64

    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        if mimetype.startswith("text/"):
            message.attach(filename, content, mimetype)
        else:
            message.attach(filename, base64.b64decode(content), mimetype)
    message.send()


@shared_task(name="hub.session_cleanup", ignore_result=True, soft_time_limit=300, time_limit=360)
def session_cleanup_task() -> None:
    """Delete expired sessions (beat runs it hourly)."""
    from django.core.management import call_command

    call_command("clearsessions")


@shared_task(
    name="hub.search_words_rebuild", ignore_result=True, soft_time_limit=1800, time_limit=2000
)
def search_words_rebuild_task() -> None:
    """Rebuild the indexed words of "did you mean" from every chunk (beat runs it nightly)."""
    from hub.search.words import words_rebuild

    words_rebuild()
