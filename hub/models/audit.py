"""The audit log of security-relevant events. Rows are written by hub.services.audit only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOGOUT = "logout", _("logged out")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        PASSWORD_RESET = "password_reset", _("password reset")
        MFA_ADDED = "mfa_added", _("two-factor method added")
        MFA_REMOVED = "mfa_removed", _("two-factor method removed")
        MFA_RESET = "mfa_reset", _("recovery codes regenerated")
        ACCESS_REQUESTED = "access_requested", _("access requested")
        ACCESS_APPROVED = "access_approved", _("access request approved")
        ACCESS_REJECTED = "access_rejected", _("access request rejected")
        ROLES_CHANGED = "roles_changed", _("roles changed")
        CITY_CHANGED = "city_changed", _("city changed")
        USER_SUSPENDED = "user_suspended", _("user suspended")
        USER_REACTIVATED = "user_reactivated", _("user reactivated")

    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("concerning user"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # Facts about the event (old and new values, a request id). Never secrets or passwords.
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["action", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} @ {self.created_at:%Y-%m-%d %H:%M}"
