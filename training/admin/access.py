"""Who may use training's admin: staff curators (training.permissions), for every model of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from training.permissions import can_manage_training

if TYPE_CHECKING:
    from django.http import HttpRequest


class CuratorsOnly:
    """A ModelAdmin's (or inline's) permissions: staff curators only."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_training(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_training(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can_manage_training(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_training(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_training(request.user)
