"""Admin of the library: review queue, curation with language tabs; writes go to services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from hub.admin import _with_reason
from hub.errors import HubError
from library import services
from library.models import Document, DocumentDownload

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse


def _each(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any, apply: Any) -> None:
    done = 0
    for document in queryset:
        try:
            apply(document)
            done += 1
        except (HubError, ValidationError) as exc:
            text = exc.message if isinstance(exc, HubError) else " ".join(exc.messages)
            modeladmin.message_user(request, f"{document}: {text}", messages.ERROR)
    modeladmin.message_user(
        request,
        ngettext("%(count)d document done.", "%(count)d documents done.", done) % {"count": done},
        messages.SUCCESS,
    )


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
    exclude = ["file", "extraction_error", "extraction_started_at", "title", "summary"]
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
        super().save_model(request, obj, form, change)
        # Titles and summaries are searchable: rebuild the metadata chunks.
        services.document_index(document=obj)

    @admin.action(description=_("Publish the selected documents"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda d: services.document_publish(document=d, by=request.user),
        )

    @admin.action(description=_("Reject the selected documents (with a reason)"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Document]) -> HttpResponse | None:
        return _with_reason(
            self,
            request,
            queryset,
            title=str(_("Reject documents")),
            apply=lambda document, reason: services.document_reject(
                document=document, by=request.user, reason=reason
            ),
        )

    @admin.action(description=_("Extract the text again"))
    def reextract(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda d: services.document_reextract(document=d, by=request.user),
        )

    @admin.action(description=_("Archive the selected documents"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda d: services.document_archive(document=d, by=request.user),
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
