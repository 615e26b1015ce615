"""Writing the audit log."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from hub import audit
from hub.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model
    from django.http import HttpRequest

    from hub.models import User


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # The address the trusted proxies saw (settings ALLAUTH_TRUSTED_PROXY_COUNT and
    # ALLAUTH_TRUSTED_CLIENT_IP_HEADER), as for the rate limits: a client cannot write its own
    # address into the log past them.
    from allauth.account.adapter import get_adapter

    try:
        raw = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def audit_record(
    *,
    action: str,
    actor: User | AnonymousUser | None = None,
    subject: User | None = None,
    target: Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log.

    `action` is a code declared with ``hub.audit.action`` by the app that owns it; `subject`
    the person the event concerns, `target` the object it is about (any model). `details`
    holds facts (ids, old and new values) and never secrets. Anonymous actors are recorded as
    no actor. Raises ValueError for an action no app declared.
    """
    if not audit.is_declared(action):
        raise ValueError(f"undeclared audit action: {action}")
    recorded_actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        action=action,
        actor=recorded_actor,
        subject=subject,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        ip_address=_client_ip(request),
        details=details or {},
    )
