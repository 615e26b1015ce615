"""Review from a change page: Publish, and Reject/Return with a reason sent to the people told.

Every app whose rows staff review (library documents, city profile drafts, ...) mixes
:class:`ReviewAdminMixin` into its ModelAdmin and says what publishing and returning do (its
services). The change page (``admin/hub/review_change_form.html``) then shows the review box
above the form: the status, a Publish button and a reason field with its button, each a form of
its own posting to ``admin:<app>_<model>_publish`` / ``_reject``; errors are shown as messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from hub.admin_actions import ReasonForm, error_text
from hub.errors import HubError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from django.db.models import Model
    from django.http import HttpRequest, HttpResponse
    from django.template.backends.base import _EngineTemplate
    from django.urls import URLPattern
    from django.utils.functional import _StrOrPromise as StrOrPromise


class ReviewAdminMixin:
    """Publish / reject (or return) on the change page, through the app's services."""

    change_form_template: ClassVar[Sequence[str] | _EngineTemplate | str | None] = (
        "admin/hub/review_change_form.html"
    )
    review_reason_label: StrOrPromise = _("Reason for rejection (sent to the contributor)")
    review_reject_button: StrOrPromise = _("Reject with this reason")
    review_reason_required: StrOrPromise = _("Please give a reason for the rejection.")

    # --- What the app says -----------------------------------------------------------------

    def review_status(self, obj: Any) -> tuple[str, str]:
        """(status shown, a note after it such as the last reason, or "")."""
        raise NotImplementedError

    def review_can_publish(self, obj: Any) -> bool:
        raise NotImplementedError

    def review_can_reject(self, obj: Any) -> bool:
        raise NotImplementedError

    def review_publish(self, request: HttpRequest, obj: Any) -> str:
        """Publish `obj` through the app's service; the message to show. Raises HubError or
        ValidationError."""
        raise NotImplementedError

    def review_reject(self, request: HttpRequest, obj: Any, reason: str) -> str:
        """Reject or return `obj` with `reason`; the message to show. Raises as review_publish."""
        raise NotImplementedError

    # --- The views ---------------------------------------------------------------------------

    def _review_url_name(self, action: str) -> str:
        opts = self.model._meta  # type: ignore[attr-defined]
        return f"{opts.app_label}_{opts.model_name}_{action}"

    def get_urls(self) -> list[URLPattern]:
        def view(action: str, function: Callable[..., HttpResponse]) -> URLPattern:
            return path(
                f"<int:pk>/{action}/",
                self.admin_site.admin_view(function),  # type: ignore[attr-defined]
                name=self._review_url_name(action),
            )

        return [
            view("publish", self.review_publish_view),
            view("reject", self.review_reject_view),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Model | None = None,
    ) -> Any:
        review = None
        if obj is not None and change and self.has_change_permission(request, obj):  # type: ignore[attr-defined]
            status, note = self.review_status(obj)
            review = {
                "status": status,
                "note": note,
                "publish_url": (
                    reverse(f"admin:{self._review_url_name('publish')}", args=[obj.pk])
                    if self.review_can_publish(obj)
                    else ""
                ),
                "reject_url": (
                    reverse(f"admin:{self._review_url_name('reject')}", args=[obj.pk])
                    if self.review_can_reject(obj)
                    else ""
                ),
                "reason_form": ReasonForm(auto_id="hub-reject-%s"),
                "reason_label": self.review_reason_label,
                "reject_button": self.review_reject_button,
            }
        context["review"] = review
        return super().render_change_form(request, context, add, change, form_url, obj)  # type: ignore[misc]

    def _review_target(self, request: HttpRequest, pk: int) -> Any:
        obj = get_object_or_404(self.get_queryset(request), pk=pk)  # type: ignore[attr-defined]
        if not self.has_change_permission(request, obj):  # type: ignore[attr-defined]
            raise PermissionDenied
        return obj

    def _review_back(self, obj: Any) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse(f"admin:{self._review_url_name('change')}", args=[obj.pk])
        )

    def review_publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._review_target(request, pk)
        try:
            message = self.review_publish(request, obj)
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)  # type: ignore[attr-defined]
        else:
            self.message_user(request, message, messages.SUCCESS)  # type: ignore[attr-defined]
        return self._review_back(obj)

    def review_reject_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._review_target(request, pk)
        form = ReasonForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(self.review_reason_required, code="reason_required")
            message = self.review_reject(request, obj, form.cleaned_data["reason"])
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)  # type: ignore[attr-defined]
        else:
            self.message_user(request, message, messages.SUCCESS)  # type: ignore[attr-defined]
        return self._review_back(obj)
