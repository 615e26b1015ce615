"""Admin of certificates: seen as issued, never edited; staff revoke them with a reason
(training.services.certificates.certificate_revoke), an action of the list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hub.admin_actions import apply_with_reason
from hub.http import authenticated_user
from training.models import Certificate
from training.permissions import can_manage_training
from training.services.certificates import certificate_revoke

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse


class RevokedFilter(admin.SimpleListFilter):
    title = _("revoked")
    parameter_name = "revoked"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Revoked")), ("no", _("Valid"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> Any:
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(revoked_at__isnull=True)
        return queryset


def _revoked(count: int) -> str:
    return ngettext("%(count)d certificate revoked.", "%(count)d certificates revoked.", count) % {
        "count": count
    }


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin[Certificate]):
    list_display = (
        "code",
        "learner_name",
        "module_title",
        "completed_on",
        "status",
        "is_valid_display",
    )
    list_filter = ("status", RevokedFilter, "language")
    list_select_related = ("enrolment__user",)
    search_fields = ("code", "learner_name", "module_title", "enrolment__user__email")
    date_hierarchy = "issued_at"
    actions = ("revoke_selected",)
    readonly_fields = (
        "code",
        "learner",
        "learner_name",
        "module_title",
        "language",
        "completed_on",
        "issued_at",
        "status",
        "attempts",
        "failure_reason",
        "download",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
    )
    fields = readonly_fields

    # Certificates are issued to learners and change only through the services.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_training(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_training(request.user)

    @admin.display(description=_("valid"), boolean=True)
    def is_valid_display(self, obj: Certificate) -> bool:
        return obj.is_valid

    @admin.display(description=_("learner"))
    def learner(self, obj: Certificate) -> str:
        return str(obj.enrolment.user)

    @admin.display(description=_("file"))
    def download(self, obj: Certificate) -> str:
        if obj.status != Certificate.Status.DONE or not obj.file:
            return "–"
        url = reverse("training:certificate-download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download the PDF"))

    @admin.action(description=_("Revoke the selected certificates (with a reason)"))
    def revoke_selected(
        self, request: HttpRequest, queryset: QuerySet[Certificate]
    ) -> HttpResponse | None:
        user = authenticated_user(request)
        return apply_with_reason(
            self,
            request,
            queryset,
            title=gettext("Revoke certificates"),
            apply=lambda obj, reason: certificate_revoke(
                certificate=obj, by=user, reason=reason, request=request
            ),
            done_message=_revoked,
        )
