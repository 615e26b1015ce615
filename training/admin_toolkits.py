"""Admin of working groups and their toolkits (imported by training.admin).

A working group's page edits its names, description, themes and lead cities (language tabs) and
links to its toolkit. The toolkit's page edits its introduction and its items inline: section,
position in the section, the library document or the city practice it links to (searched by
title) and the curator's note in each language. Any change to the toolkit or its items makes
its version grow in the database (migration 0002's triggers), so the ZIPs of the older version
are not served again. Archives are listed read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from hub.admin import ReadOnlyAdmin
from hub.http import authenticated_user
from training.admin.access import CuratorsOnly
from training.models import Toolkit, ToolkitArchive, ToolkitItem, WorkingGroup
from training.services import toolkits as services

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.forms import ModelForm
    from django.http import HttpRequest


@admin.register(WorkingGroup)
class WorkingGroupAdmin(CuratorsOnly, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position", "item_count", "provenance"]
    list_editable = ["position"]
    list_filter = ["provenance"]
    search_fields = ["name_en", "name_fr", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["themes", "lead_cities"]
    fields = [
        "name",
        "slug",
        "description",
        "themes",
        "lead_cities",
        "position",
        "provenance",
        "toolkit_link",
    ]
    readonly_fields = ["toolkit_link"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WorkingGroup]:
        return super().get_queryset(request).annotate(items=Count("toolkit__items"))

    @admin.display(description=_("items in the toolkit"), ordering="items")
    def item_count(self, obj: WorkingGroup) -> int:
        return getattr(obj, "items", 0)

    @admin.display(description=_("toolkit"))
    def toolkit_link(self, obj: WorkingGroup) -> str:
        toolkit = Toolkit.objects.filter(working_group=obj).first() if obj.pk else None
        if toolkit is None:
            return gettext("Saved with the working group.")
        url = reverse("admin:training_toolkit_change", args=[toolkit.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Edit the toolkit and its items"))

    def save_model(
        self, request: HttpRequest, obj: WorkingGroup, form: ModelForm, change: bool
    ) -> None:
        # Themes and lead cities are saved by the form's save_m2m (save_related).
        services.working_group_save(group=obj, by=authenticated_user(request))


class ToolkitItemInline(CuratorsOnly, TranslationTabularInline):
    model = ToolkitItem
    fields = ["section", "position", "document", "practice", "note"]
    autocomplete_fields = ["document", "practice"]
    ordering = ["section", "position", "pk"]
    extra = 1


@admin.register(Toolkit)
class ToolkitAdmin(CuratorsOnly, TabbedTranslationAdmin):
    list_display = ["working_group", "version", "changed_at"]
    list_select_related = ["working_group"]
    search_fields = ["working_group__name_en", "working_group__name_fr", "working_group__name_ar"]
    fields = ["working_group", "introduction", "version", "changed_at"]
    readonly_fields = ["version", "changed_at"]
    inlines = [ToolkitItemInline]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # A toolkit comes with its working group.
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, "working_group"] if obj else list(self.readonly_fields)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            services.toolkit_curated(toolkit=form.instance, by=authenticated_user(request))


@admin.register(ToolkitArchive)
class ToolkitArchiveAdmin(CuratorsOnly, ReadOnlyAdmin):
    list_display = [
        "toolkit",
        "version",
        "language",
        "status",
        "done_count",
        "total_count",
        "size",
        "created_at",
        "built_at",
        "failure_reason",
    ]
    list_filter = ["status", "language"]
    list_select_related = ["toolkit__working_group"]
    exclude = ["access_key", "document_ids"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
