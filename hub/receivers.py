"""Signal receivers: third-party hooks (Django auth, allauth) turned into audit events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import (
    authentication_failed,
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
)
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from hub.middleware import MFA_CHECKED_KEY
from hub.models import AuditEvent, User
from hub.services import audit_record

if TYPE_CHECKING:
    from django.http import HttpRequest


@receiver(user_logged_in)
def on_user_logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(action=AuditEvent.Action.LOGIN, actor=user, subject=user, request=request)


@receiver(user_logged_out)
def on_user_logged_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=AuditEvent.Action.LOGOUT, actor=user, subject=user, request=request)


@receiver(user_login_failed)
def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # What was typed as the login is kept only when it names a real account: people paste
    # passwords into the email field, and those must not end up in the log.
    typed = str(credentials.get("email") or credentials.get("username") or "")[:254]
    subject = User.objects.filter(email__iexact=typed).first() if typed else None
    audit_record(action=AuditEvent.Action.LOGIN_FAILED, subject=subject, request=request)


@receiver(password_changed)
def on_password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(
        action=AuditEvent.Action.PASSWORD_CHANGED, actor=user, subject=user, request=request
    )


@receiver(password_reset)
def on_password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(action=AuditEvent.Action.PASSWORD_RESET, subject=user, request=request)


@receiver(authenticator_added)
def on_authenticator_added(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    audit_record(
        action=AuditEvent.Action.MFA_ADDED,
        actor=user,
        subject=user,
        request=request,
        details={"type": authenticator.type},
    )


@receiver(authenticator_removed)
def on_authenticator_removed(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    audit_record(
        action=AuditEvent.Action.MFA_REMOVED,
        actor=user,
        subject=user,
        request=request,
        details={"type": authenticator.type},
    )
    # The MFA middleware checks the database again on the next request of this session.
    request.session.pop(MFA_CHECKED_KEY, None)


@receiver(authenticator_reset)
def on_authenticator_reset(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    audit_record(
        action=AuditEvent.Action.MFA_RESET,
        actor=user,
        subject=user,
        request=request,
        details={"type": authenticator.type},
    )


@receiver(authentication_failed)
def on_mfa_authentication_failed(
    sender: Any, request: HttpRequest, user: User, **kwargs: Any
) -> None:
    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED,
        subject=user,
        request=request,
        details={"stage": "mfa"},
    )
