"""Emails: rendered in the recipient's language now, sent by a Celery task after commit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from hub.queueing import enqueue_on_commit

if TYPE_CHECKING:
    from collections.abc import Callable

    from hub.models import User

#: An email's attached file: (filename, content, mimetype); see :func:`email_send`.
Attachment = tuple[str, str, str]

_LINE_BREAKS = re.compile(r"[ \t\r\n]+")


def email_render(*, template: str, context: dict[str, Any], language: str) -> dict[str, str]:
    """Render `templates/emails/<template>_subject.txt|.txt|.html` in `language`."""
    with translation.override(language):
        ctx = {"site_url": settings.HUB_SITE_URL, "LANGUAGE_CODE": language, **context}
        rendered = render_to_string(f"emails/{template}_subject.txt", ctx)
        # One line; French no-break spaces (before « » : ;) stay what they are.
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _LINE_BREAKS.sub(" ", rendered).strip()
        body = render_to_string(f"emails/{template}.txt", ctx).strip() + "\n"
        html: str
        try:
            html = render_to_string(f"emails/{template}.html", ctx)
        except TemplateDoesNotExist:
            html = ""
    return {"subject": subject, "body": body, "html": html}


def email_send(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    attachments: list[Attachment] | None = None,
) -> None:
    """Render an email for one recipient and enqueue its sending once the transaction commits.

    `attachments`: (filename, content, mimetype) triples, the content as text for ``text/*``
    types and base64 otherwise (the task's arguments travel as JSON).

    Side effects: a `hub.email_send` task after commit (run at once when Celery is eager).
    """
    from hub.tasks import email_send_task

    message: dict[str, Any] = email_render(template=template, context=context, language=language)
    if attachments:
        message["attachments"] = [list(attachment) for attachment in attachments]
    enqueue_on_commit(email_send_task, to=[to], when_broker_down="inline", **message)


def site_url(name: str, **kwargs: Any) -> str:
    """The absolute link to the URL named `name`, in the active language (for emails)."""
    return f"{settings.HUB_SITE_URL}{reverse(name, kwargs=kwargs)}"


def email_user(
    user: User | None,
    template: str,
    in_language: Callable[[], dict[str, Any]] | None = None,
    *,
    attachments: list[Attachment] | None = None,
    **context: Any,
) -> None:
    """:func:`email_send` to one member, in their language, with their `name` and `context`.

    `in_language()` returns what must be written in that language (links by :func:`site_url`,
    names of things); it is called with the language active. Nobody is written to at an
    inactive account (or at none).
    """
    if user is None or not user.is_active:
        return
    with translation.override(user.language):
        written = in_language() if in_language is not None else {}
    email_send(
        to=user.email,
        template=template,
        context={"name": user.name, **written, **context},
        language=user.language,
        attachments=attachments,
    )
