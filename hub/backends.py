"""Permissions that follow roles: SCN staff curators curate every content app in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

CURATED_APP_LABELS = frozenset({"hub", "library", "cityprofiles", "training", "events"})


def _is_curator(user_obj: Any) -> bool:
    return bool(
        user_obj.is_active
        and user_obj.is_staff
        and "staff_curator" in getattr(user_obj, "roles", [])
    )


class RoleBackend(BaseBackend):
    """Grants staff curators the model permissions of the curated apps; authenticates nobody."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return _is_curator(user_obj) and perm.split(".", 1)[0] in CURATED_APP_LABELS

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return _is_curator(user_obj) and app_label in CURATED_APP_LABELS
