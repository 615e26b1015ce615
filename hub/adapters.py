"""allauth hooks: no public signup, emails in the recipient's language through Celery, the
language of the login page kept after login."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hub.bidi import isolate
from hub.http import set_language_cookie, translate_url_and_next
from hub.models import User
from hub.queueing import enqueue_on_commit
from hub.services import user_set_language

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest, HttpResponse


def user_display(user: AbstractBaseUser) -> str:
    """How allauth names a member in its messages ("Successfully signed in as …"): their name,
    direction-isolated (hub.bidi), not "Name <email>"."""
    return isolate(getattr(user, "name", "") or getattr(user, "email", ""))


class AccountAdapter(DefaultAccountAdapter):
    """Failed logins are limited per account *and address* (ACCOUNT_RATE_LIMITS "login_failed":
    5 in 5 minutes), so someone guessing a member's password from one place does not lock the
    member out everywhere; a wider limit per account alone ("login_failed_account") stops a
    guess spread over many addresses. The client's address is the one the trusted proxies saw
    (ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER); the audit log uses it too.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed attempts to log in to this account from your network. Wait five "
            "minutes, or log in from another network. If you forgot your password, reset it."
        ),
        "too_many_login_attempts_account": _(
            "Too many failed attempts to log in to this account. Wait an hour, or reset your "
            "password to log in now."
        ),
    }

    def get_client_ip(self, request: HttpRequest) -> str:
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            # Fewer X-Forwarded-For entries than trusted proxies: the request did not come
            # through them, so the address it came from is the client's.
            return str(request.META.get("REMOTE_ADDR", ""))

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth's key is the site and the login; ours adds the client's address.
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        login = str(credentials.get("email", credentials.get("username", ""))).lower()
        self._account_rl_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_account", key=login
        )
        if not self._account_rl_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts_account")

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        usage = getattr(self, "_account_rl_usage", None)
        if user is not None and usage:
            usage.rollback()  # a right password does not count against the account
        return user

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

    def post_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse:
        """The language of the page the member logged in on is their choice: they land in it
        (the page they were going to, translated), and their profile remembers it for emails
        and their next visit. Staff, whose login ends on the two-factor page, keep the
        language of that page, which is the login page's."""
        response = super().post_login(request, user, **kwargs)
        language = translation.get_language_from_path(request.path_info)
        if not language or not isinstance(user, User):
            return response
        user_set_language(user=user, language=language)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = translate_url_and_next(response["Location"], language)
        set_language_cookie(response, language)
        return response
