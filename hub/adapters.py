"""allauth hooks: no public signup, emails in the recipient's language through Celery."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import translate_url
from django.utils import translation

from hub.models import User
from hub.queueing import enqueue_on_commit

if TYPE_CHECKING:
    from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Members join through an access request that a focal point or SCN staff approves.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from hub.tasks import email_send_task

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.language if user else translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
            html = ""
            for content, mimetype in getattr(message, "alternatives", []):
                if mimetype == "text/html":
                    html = str(content)
        enqueue_on_commit(
            email_send_task,
            to=list(message.to),
            subject=message.subject,
            body=message.body,
            html=html,
            when_broker_down="inline",
        )

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # A member lands in their own language, whatever language the login page was in.
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "language", None)
        return translate_url(url, language) if language else url
