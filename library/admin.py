"""Admin of the library: review queue, curation with language tabs; writes go to services.

A document's change page is where a curator reviews it: its description in language tabs, the
group of language versions chosen by searching for another document, its preview and
extracted text, and Publish / Reject-with-a-reason, which call the same services as the list's
actions.
"""

from __future__ import annotations

import copy
import uuid
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.functions import Substr
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from hub.admin_actions import apply_to_each, apply_with_reason, error_text
from hub.admin_review import ReviewAdminMixin
from hub.errors import HubError
from hub.http import authenticated_user
from library import services
from library.models import (
    DOCUMENT_LANGUAGES,
    Document,
    DocumentChunk,
    DocumentDownload,
    DocumentSearch,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse

# How much of the extracted text the change page shows: enough to judge the extraction.
EXTRACT_SHOWN_CHARS = 4000


# What each list action says it did, in its own words ("3 documents published.").
def _published(count: int) -> str:
    return ngettext("%(count)d document published.", "%(count)d documents published.", count) % {
        "count": count
    }


def _rejected(count: int) -> str:
    return ngettext("%(count)d document rejected.", "%(count)d documents rejected.", count) % {
        "count": count
    }


def _archived(count: int) -> str:
    return ngettext("%(count)d document archived.", "%(count)d documents archived.", count) % {
        "count": count
    }


def _reextracting(count: int) -> str:
    return ngettext(
        "%(count)d document sent to be extracted again.",
        "%(count)d documents sent to be extracted again.",
        count,
    ) % {"count": count}


class DocumentAdminForm(forms.ModelForm):
    """The curation form: the model's fields, and the group of language versions chosen by
    searching for another document (the `work` it shares with it) instead of typing a UUID."""

    same_work_as: forms.ModelChoiceField[Document] = forms.ModelChoiceField(
        label=_("A language version of"),
        queryset=Document.objects.all(),
        required=False,
        help_text=_(
            "Search for the document this one is a translation of (or another version of) by "
            "its title: this document joins its group of language versions."
        ),
    )
    own_work = forms.BooleanField(
        label=_("Not a version of any other document"),
        required=False,
        help_text=_("Take this document out of its group of language versions."),
    )

    class Meta:
        model = Document
        # The admin asks for the fields of its fieldsets (titles and summaries per language).
        fields = [
            "language",
            "kind",
            "year",
            "publisher",
            "themes",
            "cities",
            "regions",
            "visibility",
            "shared_with",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("same_work_as") and data.get("own_work"):
            raise ValidationError(
                _("Group this document with another one or take it out of its group, not both."),
                code="work_conflict",
            )
        return data

    def work_change(self) -> uuid.UUID | None:
        """The work (group of language versions) the document should now belong to, if new."""
        other = self.cleaned_data.get("same_work_as")
        if other is not None and other.pk != self.instance.pk and other.work != self.instance.work:
            work: uuid.UUID = other.work
            return work
        if self.cleaned_data.get("own_work"):
            return uuid.uuid4()
        return None


@admin.register(Document)
class DocumentAdmin(ReviewAdminMixin, TabbedTranslationAdmin):
    form = DocumentAdminForm
    # Seven columns fit a 1280 px screen in every language, with room for the filters.
    list_display = [
        "title",
        "kind",
        "language",
        "contributing_city",
        "status",
        "extraction_state",
        "added",
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
    fieldsets = [
        # "title" and "summary" become one field per language, in tabs (modeltranslation).
        (None, {"fields": ["title", "summary", "language", "kind", "year", "publisher"]}),
        (_("Language versions"), {"fields": ["language_versions", "same_work_as", "own_work"]}),
        (_("Themes and places"), {"fields": ["themes", "cities", "regions"]}),
        (_("Who can see it"), {"fields": ["visibility", "shared_with"]}),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "reviewed_by",
                    "reviewed_at",
                    "published_at",
                    "contributed_by",
                    "contributing_city",
                    "created_at",
                ]
            },
        ),
        (
            _("File"),
            {
                "fields": [
                    "preview_image",
                    "file_link",
                    "file_type",
                    "size",
                    "page_count",
                    "sha256",
                    "download_count",
                ]
            },
        ),
        (
            _("Text extraction"),
            {
                "fields": [
                    "extraction_state",
                    "extraction_failure",
                    "extraction_attempts",
                    "indexed_at",
                ]
            },
        ),
        (_("Extracted text"), {"classes": ["collapse"], "fields": ["extracted_text"]}),
    ]
    readonly_fields = [
        "language_versions",
        "file_link",
        "preview_image",
        "file_type",
        "size",
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
        "extracted_text",
        "contributed_by",
        "contributing_city",
        "created_at",
        "download_count",
    ]
    actions = ["publish", "reject", "reextract", "archive"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return super().get_queryset(request).annotate(n_downloads=Count("downloads"))

    def get_form(
        self, request: HttpRequest, obj: Document | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if "same_work_as" in form.base_fields:
            # Made per request: the search box's own texts (select2's) follow the language.
            field = copy.deepcopy(form.base_fields["same_work_as"])
            field.widget = AutocompleteSelect(
                DocumentSearch._meta.get_field("document"), self.admin_site
            )
            form.base_fields["same_work_as"] = field
        return form

    def autocomplete_label(self, obj: Document) -> str:
        """How a document is offered when searched for (hub.admin_site): title and language."""
        language = dict(DOCUMENT_LANGUAGES).get(obj.language, obj.language)
        return f"{obj.title} ({language})"

    @admin.display(description=_("other language versions"))
    def language_versions(self, obj: Document) -> str:
        others = Document.objects.filter(work=obj.work).exclude(pk=obj.pk).order_by("language")
        names = dict(DOCUMENT_LANGUAGES)
        links = format_html_join(
            ", ",
            '<a href="{}" lang="{}">{}</a> (<span>{}</span>)',
            (
                (
                    reverse("admin:library_document_change", args=[other.pk]),
                    other.language,
                    other.title,
                    names.get(other.language, other.language),
                )
                for other in others
            ),
        )
        return links or gettext("None yet.")

    @admin.display(description=_("file"))
    def file_link(self, obj: Document) -> str:
        return format_html(
            '<a href="{}">{}</a> <span class="hub-muted">({})</span>',
            reverse("library:document-download", kwargs={"pk": obj.pk}),
            obj.download_name,
            obj.original_filename,
        )

    @admin.display(description=_("file type"))
    def file_type(self, obj: Document) -> str:
        return capfirst(obj.file_kind_label)

    @admin.display(description=_("file size"))
    def size(self, obj: Document) -> str:
        return filesizeformat(obj.file_size)

    @admin.display(description=_("preview"))
    def preview_image(self, obj: Document) -> str:
        if not obj.has_preview:
            return gettext("No preview: only PDF files have one.")
        return render_to_string(
            "library/partials/_preview.html", {"document": obj, "size": "large"}
        )

    @admin.display(description=_("extracted text"))
    def extracted_text(self, obj: Document) -> str:
        pieces = list(
            DocumentChunk.objects.filter(document=obj, kind=DocumentChunk.Kind.BODY)
            .order_by("position")
            .annotate(head=Substr("text", 1, EXTRACT_SHOWN_CHARS))
            .values_list("head", flat=True)[:5]
        )
        text = "\n\n".join(pieces)
        if not text:
            return gettext("No text has been extracted.")
        shown = text[:EXTRACT_SHOWN_CHARS]
        more = len(text) > EXTRACT_SHOWN_CHARS or len(pieces) == 5
        return format_html(
            '<div class="hub-extracted" dir="auto" tabindex="0" role="region" aria-label="{}">'
            "{}</div>{}",
            gettext("Extracted text"),
            shown,
            format_html('<p class="help">{}</p>', gettext("Only the beginning is shown."))
            if more
            else "",
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Files come in through the contribution form or import_documents, which check them.
        return False

    @admin.display(description=_("added"), ordering="created_at")
    def added(self, obj: Document) -> str:
        return date_format(timezone.localtime(obj.created_at))

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
        work = form.work_change()
        if work is not None:
            changes["work"] = work
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
            done_message=_published,
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
            done_message=_rejected,
        )

    @admin.action(description=_("Extract the text again"))
    def reextract(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda d: services.document_reextract(document=d, by=authenticated_user(request)),
            done_message=_reextracting,
        )

    @admin.action(description=_("Archive the selected documents"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        apply_to_each(
            self,
            request,
            queryset,
            lambda d: services.document_archive(document=d, by=authenticated_user(request)),
            done_message=_archived,
        )

    # --- Publish / reject from the change page: the same services as the actions -------------

    def review_status(self, obj: Document) -> tuple[str, str]:
        return str(obj.get_status_display()), obj.rejection_reason

    def review_can_publish(self, obj: Document) -> bool:
        return obj.status != Document.Status.PUBLISHED

    def review_can_reject(self, obj: Document) -> bool:
        return obj.status != Document.Status.REJECTED

    def review_publish(self, request: HttpRequest, obj: Document) -> str:
        document = services.document_publish(document=obj, by=authenticated_user(request))
        return gettext("“%(title)s” is published.") % {"title": document.title}

    def review_reject(self, request: HttpRequest, obj: Document, reason: str) -> str:
        document = services.document_reject(
            document=obj, by=authenticated_user(request), reason=reason
        )
        message = (
            gettext("“%(title)s” is rejected; its contributor is told why by email.")
            if document.contributed_by_id is not None
            else gettext("“%(title)s” is rejected.")
        )
        return message % {"title": document.title}


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
