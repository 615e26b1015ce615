"""Emails: rendered in the recipient's language now, sent by a Celery task after commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from hub.queueing import enqueue_on_commit


def email_render(*, template: str, context: dict[str, Any], language: str) -> dict[str, str]:
    """Render `templates/emails/<template>_subject.txt|.txt|.html` in `language`."""
    with translation.override(language):
        ctx = {"site_url": settings.HUB_SITE_URL, "LANGUAGE_CODE": language, **context}
        rendered = render_to_string(f"emails/{template}_subject.txt", ctx)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(rendered.split())
        body = render_to_string(f"emails/{template}.txt", ctx).strip() + "\n"
        html: str
        try:
            html = render_to_string(f"emails/{template}.html", ctx)
        except TemplateDoesNotExist:
            html = ""
    return {"subject": subject, "body": body, "html": html}


def email_send(*, to: str, template: str, context: dict[str, Any], language: str) -> None:
    """Render an email for one recipient and enqueue its sending once the transaction commits.

    Side effects: a `hub.email_send` task after commit (run at once when Celery is eager).
    """
    from hub.tasks import email_send_task

    message = email_render(template=template, context=context, language=language)
    enqueue_on_commit(email_send_task, to=[to], when_broker_down="inline", **message)
