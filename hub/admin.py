"""Admin for members, access requests, the taxonomy and the audit log; writes go to services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from hub import audit, services
from hub.admin_actions import apply_to_each, apply_with_reason
from hub.errors import HubError
from hub.http import authenticated_user
from hub.models import AccessRequest, AuditEvent, City, Country, Region, Theme, User
from hub.models.accounts import Role

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


class ReadOnlyAdmin(admin.ModelAdmin):
    """Seen by staff, changed only by the services (or the database): no add, change or delete."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UserAdminForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["email", "name", "language", "organisation", "city", "roles", "is_superuser"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        city = self.fields.get("city")
        if isinstance(city, forms.ModelChoiceField):
            city.queryset = City.objects.order_by("name_en")


class MfaFilter(admin.SimpleListFilter):
    title = _("two-factor authentication")
    parameter_name = "mfa"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("enabled")), ("no", _("not enabled"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        # `has_mfa` is UserAdmin.get_queryset's annotation.
        if self.value() == "yes":
            return queryset.filter(has_mfa=True)
        if self.value() == "no":
            return queryset.filter(has_mfa=False)
        return queryset


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    form = UserAdminForm
    list_display = ["name", "email", "city", "role_list", "is_active", "mfa", "last_login"]
    list_filter = ["is_active", "is_staff", MfaFilter, "language", "city__country__region"]
    search_fields = ["name", "email", "organisation", "city__name_en"]
    list_select_related = ["city"]
    readonly_fields = [
        "last_login",
        "date_joined",
        "is_active",
        "suspended_at",
        "suspension_reason",
    ]
    actions = ["suspend", "reactivate"]
    ordering = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        has_mfa = Exists(
            Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
        )
        return super().get_queryset(request).annotate(has_mfa=has_mfa)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Members join through access requests (or `manage.py createsuperuser` for the first
        # staff account), so every account has a reviewed origin.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Suspend instead: the audit log and decisions keep pointing at the person.
        return False

    @admin.display(description=_("roles"))
    def role_list(self, obj: User) -> str:
        return ", ".join(obj.role_labels())

    @admin.display(description=_("MFA"), boolean=True, ordering="has_mfa")
    def mfa(self, obj: User) -> bool:
        return bool(getattr(obj, "has_mfa", False))

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        data = form.cleaned_data
        original = User.objects.get(pk=obj.pk)
        try:
            services.user_update(
                user=original,
                by=authenticated_user(request),
                name=data["name"],
                email=data["email"],
                language=data["language"],
                organisation=data["organisation"],
                city=data["city"],
                roles=list(data["roles"]),
                is_superuser=data.get("is_superuser"),
                request=request,
            )
        except HubError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Groups and permissions are not edited here; roles decide what a user may do.
        return None

    @admin.action(description=_("Suspend the selected users"))
    def suspend(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse | None:
        return apply_with_reason(
            self,
            request,
            queryset,
            title=str(_("Suspend users")),
            apply=lambda user, reason: services.user_suspend(
                user=user, by=authenticated_user(request), reason=reason, request=request
            ),
        )

    @admin.action(description=_("Reactivate the selected users"))
    def reactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda user: services.user_reactivate(
                user=user, by=authenticated_user(request), request=request
            ),
            done_message=lambda count: str(_("The selected users can log in again.")),
        )


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "city", "role", "organisation", "status", "created_at"]
    list_filter = ["status", "role", "city__country__region"]
    search_fields = ["name", "email", "organisation", "city__name_en"]
    list_select_related = ["city"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject"]
    readonly_fields = [f.name for f in AccessRequest._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request: HttpRequest, queryset: QuerySet[AccessRequest]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda access_request: services.access_request_approve(
                access_request=access_request, by=authenticated_user(request), request=request
            ),
            done_message=lambda count: (
                ngettext("%(count)d request approved.", "%(count)d requests approved.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Reject the selected requests (with a reason)"))
    def reject(
        self, request: HttpRequest, queryset: QuerySet[AccessRequest]
    ) -> HttpResponse | None:
        return apply_with_reason(
            self,
            request,
            queryset,
            title=str(_("Reject access requests")),
            apply=lambda access_request, reason: services.access_request_reject(
                access_request=access_request,
                by=authenticated_user(request),
                reason=reason,
                request=request,
            ),
        )


class TaxonomyAdmin(TabbedTranslationAdmin):
    """The shared taxonomy: every change goes through hub.services.taxonomy (audited)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.taxonomy_item_save(
            item=obj,
            by=authenticated_user(request),
            fields=list(form.changed_data) if change else None,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.taxonomy_item_delete(item=obj, by=authenticated_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            services.taxonomy_item_delete(item=obj, by=authenticated_user(request))


@admin.register(Region)
class RegionAdmin(TaxonomyAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_fr", "name_ar"]


@admin.register(Country)
class CountryAdmin(TaxonomyAdmin):
    list_display = ["name", "iso_code", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name_en", "name_fr", "name_ar", "iso_code"]


@admin.register(City)
class CityAdmin(TaxonomyAdmin):
    list_display = ["name", "country", "is_steering_committee"]
    list_filter = ["is_steering_committee", "country__region"]
    list_select_related = ["country"]
    search_fields = ["name_en", "name_fr", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Theme)
class ThemeAdmin(TaxonomyAdmin):
    list_display = ["name", "slug", "parent", "is_pillar", "position"]
    list_filter = ["is_pillar", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name_en", "name_fr", "name_ar", "slug"]


class AuditActionFilter(admin.SimpleListFilter):
    """Actions as the apps that own them name them (hub.audit), in the reader's language."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return audit.choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEvent]) -> Any:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action_label", "actor", "subject", "target_repr", "ip_address"]
    list_filter = [AuditActionFilter, "target_type"]
    search_fields = ["actor__email", "subject__email", "target_repr", "ip_address"]
    list_select_related = ["actor", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "action_label",
        "actor",
        "subject",
        "target_type",
        "target_id",
        "target_repr",
        "ip_address",
        "details",
    ]
    exclude = ["action"]

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, obj: AuditEvent) -> str:
        return obj.action_label
