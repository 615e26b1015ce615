"""Admin of the library: review queue, curation with language tabs; writes go to services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from hub.admin_actions import apply_to_each, apply_with_reason, error_text
from hub.errors import HubError
from hub.http import authenticated_user
from library import services
from library.models import Document, DocumentDownload

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse


def _documents_done(count: int) -> str:
    return ngettext("%(count)d document done.", "%(count)d documents done.", count) % {
        "count": count
    }


@admin.register(Document)
class DocumentAdmin(TabbedTranslationAdmin):
    list_display = [
        "title",
        "kind",
        "language",
        "year",
        "contributing_city",
        "status",
        "visibility",
        "extraction_state",
        "download_count",
        "created_at",
    ]
    list_filter = [
        "status",
        "extraction_state",
        "kind",
        "language",
        "visibility",
        "themes",
        "contributing_city",
    ]
    search_fields = ["title_en", "title_fr", "title_ar", "publisher", "original_filename", "sha256"]
    list_select_related = ["contributing_city"]
    filter_horizontal = ["themes", "cities", "regions", "shared_with"]
    readonly_fields = [
        "original_filename",
        "file_kind",
        "file_size",
        "sha256",
        "page_count",
        "status",
        "rejection_reason",
        "reviewed_by",
        "reviewed_at",
        "published_at",
        "extraction_state",
        "extraction_failure",
        "extraction_attempts",
        "indexed_at",
        "contributed_by",
        "contributing_city",
        "created_at",
        "download_count",
    ]
    exclude = ["file", "extraction_error", "extraction_started_at"]
    actions = ["publish", "reject", "reextract", "archive"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return super().get_queryset(request).annotate(n_downloads=Count("downloads"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Files come in through the contribution form or import_documents, which check them.
        return False

    @admin.display(description=_("downloads"), ordering="n_downloads")
    def download_count(self, obj: Document) -> int:
        return getattr(obj, "n_downloads", 0)

    @admin.display(description=_("extraction failure"))
    def extraction_failure(self, obj: Document) -> str:
        return obj.extraction_error_message if obj.extraction_error else "—"

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        # The form has applied its values to `obj`; the service applies them again to a locked
        # copy, checks and audits them. Titles and summaries are searchable at once.
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in form.changed_data
            if name in services.EDITABLE_FIELDS or name in services.EDITABLE_RELATIONS
        }
        try:
            services.document_update(document=obj, by=authenticated_user(request), changes=changes)
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)

    def delete_model(self, request: HttpRequest, obj: Document) -> None:
        services.document_delete(document=obj, by=authenticated_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        for document in queryset:
            services.document_delete(document=document, by=authenticated_user(request))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The themes, cities, regions and sharing were saved by document_update.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Publish the selected documents"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda d: services.document_publish(document=d, by=authenticated_user(request)),
            done_message=_documents_done,
        )

    @admin.action(description=_("Reject the selected documents (with a reason)"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Document]) -> HttpResponse | None:
        return apply_with_reason(
            self,
            request,
            queryset,
            title=str(_("Reject documents")),
            apply=lambda document, reason: services.document_reject(
                document=document, by=authenticated_user(request), reason=reason
            ),
            done_message=_documents_done,
        )

    @admin.action(description=_("Extract the text again"))
    def reextract(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda d: services.document_reextract(document=d, by=authenticated_user(request)),
            done_message=_documents_done,
        )

    @admin.action(description=_("Archive the selected documents"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda d: services.document_archive(document=d, by=authenticated_user(request)),
            done_message=_documents_done,
        )


@admin.register(DocumentDownload)
class DocumentDownloadAdmin(admin.ModelAdmin):
    list_display = ["created_at", "document", "user", "city"]
    list_filter = ["city"]
    list_select_related = ["document", "user", "city"]
    date_hierarchy = "created_at"
    search_fields = ["document__title_en", "user__email"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
