"""Writing the audit log."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from hub.models import AuditEvent

if TYPE_CHECKING:
    from django.http import HttpRequest

    from hub.models import User


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # REMOTE_ADDR only: behind the load balancer gunicorn is told to trust X-Forwarded-For
    # (--forwarded-allow-ips), so a client cannot write its own address into the log.
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def audit_record(
    *,
    action: str,
    actor: User | None = None,
    subject: User | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log.

    `details` holds facts (ids, old and new values) and never secrets. Anonymous actors
    are recorded as no actor.
    """
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        subject=subject,
        ip_address=_client_ip(request),
        details=details or {},
    )
