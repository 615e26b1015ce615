"""Admin of registrations: the approval queue, seen and never edited here. Staff approve or
refuse them (with a reason, sent to the person), several at once from the list or one from its
page; each goes to the registration services (events.services.staff, audited).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from events.services import staff as staff_services
from hub.admin_actions import (
    NoSaveButtonsMixin,
    ReasonForm,
    apply_to_each,
    apply_with_reason,
    error_text,
)
from hub.errors import HubError
from hub.http import authenticated_user
from hub.models.accounts import Role
from hub.permissions import is_staff_curator

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern

Status = Registration.Status


def _approved(count: int) -> str:
    return ngettext(
        "%(count)d registration approved.", "%(count)d registrations approved.", count
    ) % {"count": count}


def _refused(count: int) -> str:
    return ngettext(
        "%(count)d registration refused.", "%(count)d registrations refused.", count
    ) % {"count": count}


class RefuseForm(ReasonForm):
    """The reason of a refusal, sent to the person refused."""

    reason = forms.CharField(
        label=_("Reason for the refusal (sent to the person)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the refusal.")},
    )


@admin.register(Registration)
class RegistrationAdmin(NoSaveButtonsMixin, admin.ModelAdmin[Registration]):
    change_form_template = "admin/events/registration/change_form.html"
    list_display = ["participant", "event", "city", "role_list", "status", "requested_at"]
    list_filter = ["status", "event__registration", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "event", "city"]
    search_fields = ["user__email", "user__name", "event__title_en", "event__slug"]
    date_hierarchy = "requested_at"
    actions = ["approve_selected", "refuse_selected"]
    readonly_fields = [
        "event",
        "participant",
        "city",
        "role_list",
        "status",
        "requested_at",
        "decided_at",
        "answer_list",
        "refusal_reason",
        "cancelled_at",
        "attended",
        "anonymised_at",
    ]
    fields = list(readonly_fields)
    # The longest waiting first.
    ordering = ["requested_at", "pk"]

    # Registrations are made by members and change only through the services: no add, no
    # delete, no field edited here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_staff_curator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_staff_curator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_staff_curator(request.user)

    def save_model(self, request: HttpRequest, obj: Registration, form: Any, change: bool) -> None:
        """Nothing is saved from this page (every field is read-only)."""

    @admin.display(description=_("participant"), ordering="user__name")
    def participant(self, obj: Registration) -> str:
        if obj.user is None:
            return gettext("(attendee data removed)")
        return f"{obj.user.name} <{obj.user.email}>" if obj.user.name else obj.user.email

    @admin.display(description=_("roles"))
    def role_list(self, obj: Registration) -> str:
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(role, role)) for role in obj.roles) or "—"

    @admin.display(description=_("answers"))
    def answer_list(self, obj: Registration) -> str:
        answers = obj.answers.select_related("question").order_by(
            "question__position", "question__pk"
        )
        rows = format_html_join(
            "",
            "<dt><bdi>{}</bdi></dt><dd><bdi>{}</bdi></dd>",
            ((answer.question.text, answer.value) for answer in answers),
        )
        return format_html("<dl>{}</dl>", rows) if rows else "—"

    # --- List actions ------------------------------------------------------------------------

    @admin.action(description=_("Approve the selected registrations"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        by = authenticated_user(request)
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: staff_services.registration_approve_by_staff(registration=r, by=by),
            done_message=_approved,
        )

    @admin.action(description=_("Refuse the selected registrations (with a reason)"))
    def refuse_selected(
        self, request: HttpRequest, queryset: QuerySet[Registration]
    ) -> HttpResponse | None:
        by = authenticated_user(request)
        response = apply_with_reason(
            self,
            request,
            queryset,
            title=gettext("Refuse registrations"),
            apply=lambda r, reason: staff_services.registration_refuse_by_staff(
                registration=r, by=by, reason=reason
            ),
            done_message=_refused,
        )
        if response is not None and "apply" in request.POST:
            response.status_code = 400  # sent without a reason
        return response

    # --- The change page: Approve and Refuse -------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        def view(route: str, function: Any, name: str) -> URLPattern:
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view("<int:pk>/approve/", self.approve_view, "events_registration_approve"),
            view("<int:pk>/refuse/", self.refuse_view, "events_registration_refuse"),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and obj.status in Registration.ACTIVE_STATUSES:
            context["registration_actions"] = {
                "approve_url": reverse("admin:events_registration_approve", args=[obj.pk])
                if obj.status == Status.PENDING
                else "",
                "refuse_url": reverse("admin:events_registration_refuse", args=[obj.pk]),
                "refuse_form": context.get("refuse_form") or RefuseForm(auto_id="reg-refuse-%s"),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _target(self, request: HttpRequest, pk: int) -> Registration:
        if not self.has_change_permission(request):
            raise PermissionDenied
        obj: Registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
        return obj

    def _back(self, obj: Registration) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:events_registration_change", args=[obj.pk]))

    def approve_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._target(request, pk)
        try:
            registration = staff_services.registration_approve_by_staff(
                registration=obj, by=authenticated_user(request)
            )
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
        else:
            text = (
                gettext("The registration is confirmed.")
                if registration.status == Status.CONFIRMED
                else gettext(
                    "The registration is approved; the event is full, so it is on the waiting list."
                )
            )
            self.message_user(request, text, messages.SUCCESS)
        return self._back(obj)

    def refuse_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._target(request, pk)
        form = RefuseForm(request.POST, auto_id="reg-refuse-%s")
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Refuse a registration"),
                "opts": self.model._meta,
                "registration": obj,
                "form": form,
            }
            return TemplateResponse(
                request, "admin/events/registration/refuse.html", context, status=400
            )
        try:
            staff_services.registration_refuse_by_staff(
                registration=obj, by=authenticated_user(request), reason=form.cleaned_data["reason"]
            )
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
        else:
            self.message_user(request, gettext("The registration is refused."), messages.SUCCESS)
        return self._back(obj)
