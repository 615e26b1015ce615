"""The audit log: who did what to whom or to which object, and when.

Rows are written by hub.services.audit only. Actions are declared by the app that owns them
(hub.audit); the object an event is about can be of any model (`target_*`), and `subject` is the
person it concerns, if any.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub import audit


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
        TAXONOMY_CHANGED = "taxonomy_changed", _("taxonomy entry saved")
        TAXONOMY_DELETED = "taxonomy_deleted", _("taxonomy entry deleted")

    action = models.CharField(_("action"), max_length=audit.MAX_CODE_LENGTH)
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
    # The object the event is about, of any model; its text as it was, should it be deleted.
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("object type"),
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # Facts about the event (old and new values, a request id). Never secrets or passwords.
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["action", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.action_label} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        return audit.label(self.action)


for _code, _label in AuditEvent.Action.choices:
    audit.action(_code, _label)
