"""Helpers for admin actions that every app's admin uses: one service call per selected row.

An action applies a service to each selected row and reports, per row, what could not be done
(a domain error or a validation error, in the staff member's language) without stopping at it;
an action that needs a reason asks for it on an intermediate page first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hub.errors import HubError

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.admin import ModelAdmin
    from django.db.models import Model, QuerySet
    from django.http import HttpRequest, HttpResponse


class NoSaveButtonsMixin:
    """A ModelAdmin whose change page edits nothing: no Save or Delete buttons, its actions
    being forms of their own (review, approve and refuse)."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(  # type: ignore[misc]
            request, object_id, form_url, extra_context
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


def error_text(exc: HubError | ValidationError) -> str:
    """What a domain or validation error says, in the active language."""
    if isinstance(exc, HubError):
        return str(exc.message)
    return " ".join(str(message) for message in exc.messages)


def apply_to_each(
    modeladmin: ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    apply: Callable[[Any], object],
    *,
    done_message: Callable[[int], str] | None = None,
) -> int:
    """Call `apply(row)` for every selected row; report each failure and the number done.

    `done_message(count)` says what was done in the action's own words ("3 requests
    approved."). Returns how many rows were done.
    """
    done = 0
    for obj in queryset:
        try:
            apply(obj)
            done += 1
        except (HubError, ValidationError) as exc:
            modeladmin.message_user(request, f"{obj}: {error_text(exc)}", messages.ERROR)
    if done_message is None:
        text = ngettext("%(count)d item done.", "%(count)d items done.", done) % {"count": done}
    else:
        text = done_message(done)
    modeladmin.message_user(request, text, messages.SUCCESS)
    return done


def apply_with_reason(
    modeladmin: ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    title: str,
    apply: Callable[[Any, str], object],
    done_message: Callable[[int], str] | None = None,
) -> HttpResponse | None:
    """Ask for a reason on an intermediate page, then call `apply(row, reason)` for each row."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        reason = form.cleaned_data["reason"]
        apply_to_each(
            modeladmin,
            request,
            queryset,
            lambda obj: apply(obj, reason),
            done_message=done_message,
        )
        return None
    model: type[Model] = modeladmin.model
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "objects": queryset,
        "action": request.POST.get("action"),
        "opts": model._meta,
    }
    return TemplateResponse(request, "admin/hub/reason_form.html", context)
