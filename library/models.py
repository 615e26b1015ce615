"""The library: documents contributed by member cities, their files, search chunks and downloads."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City, Region, Theme
from hub.models.search import SearchRow
from library.filenames import KIND_EXTENSIONS, title_filename

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models.expressions import Combinable

    from hub.models import User


# Languages a document can be written in. en/fr/ar have their own search configuration; the
# others are indexed with an accent-insensitive "simple" configuration.
DOCUMENT_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("sq", _("Albanian")),
    ("bs", _("Bosnian")),
    ("sr", _("Serbian")),
    ("mk", _("Macedonian")),
    ("tr", _("Turkish")),
    ("ur", _("Urdu")),
    ("bn", _("Bengali")),
    ("other", _("other language")),
]


def document_upload_to(instance: Document, filename: str) -> str:
    # The stored name is generated; what the contributor called the file is kept only as data.
    # The extension is the one of what the bytes are (the contribution service chooses it).
    extension = PurePath(filename).suffix.lower()
    if extension not in KIND_EXTENSIONS.values():
        extension = ""
    return f"library/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def published(self) -> DocumentQuerySet:
        return self.filter(status=Document.Status.PUBLISHED)

    def visible_to(self, user: User | AnonymousUser) -> DocumentQuerySet:
        """The one access rule for documents: what `user` may see in lists, counts and downloads.

        Staff curators see every document. A member sees published documents of the public and
        all-members tiers, published documents shared with their city (or contributed by it),
        and their own contributions whatever their state. Nobody else sees anything.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from library.permissions import can_see_everything

        if can_see_everything(user):
            return self
        readable: Q | Combinable = Q(
            visibility__in=[Document.Visibility.PUBLIC, Document.Visibility.MEMBERS]
        )
        if user.city_id:
            # EXISTS rather than a join: a join on the many-to-many would duplicate rows, and
            # the condition stays a plain per-row predicate the search SQL can reuse.
            shared = Exists(
                Document.shared_with.through.objects.filter(
                    document_id=OuterRef("pk"), city_id=user.city_id
                )
            )
            readable |= Q(visibility=Document.Visibility.CITIES) & (
                Q(contributing_city=user.city_id) | shared
            )
        own = Q(contributed_by=user.pk)
        return self.filter((Q(status=Document.Status.PUBLISHED) & readable) | own)


class Document(models.Model):
    # Labels are capitalised like the rest of the interface: they stand alone in selects,
    # facets and tables. Contexts tell translators what they qualify (a document's gender).
    class Kind(models.TextChoices):
        LOCAL_ACTION_PLAN = "local_action_plan", pgettext_lazy("document type", "Local action plan")
        EVALUATION = "evaluation", pgettext_lazy("document type", "Evaluation")
        STRATEGY = "strategy", pgettext_lazy("document type", "Strategy")
        RESEARCH = "research", pgettext_lazy("document type", "Research")
        CASE_STUDY = "case_study", pgettext_lazy("document type", "Case study")
        TOOLKIT = "toolkit", pgettext_lazy("document type", "Toolkit")
        TRAINING_MATERIAL = "training_material", pgettext_lazy("document type", "Training material")
        REPORT = "report", pgettext_lazy("document type", "Report")
        OTHER = "other", pgettext_lazy("document type", "Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", pgettext_lazy("visibility", "Public")
        MEMBERS = "members", pgettext_lazy("visibility", "All members")
        CITIES = "cities", pgettext_lazy("visibility", "Named cities only")
        STAFF = "staff", pgettext_lazy("visibility", "SCN staff only")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("document status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("document status", "Waiting for review")
        PUBLISHED = "published", pgettext_lazy("document status", "Published")
        REJECTED = "rejected", pgettext_lazy("document status", "Rejected")
        ARCHIVED = "archived", pgettext_lazy("document status", "Archived")

    class Extraction(models.TextChoices):
        PENDING = "pending", pgettext_lazy("extraction", "Waiting to be processed")
        PROCESSING = "processing", pgettext_lazy("extraction", "Being processed")
        INDEXED = "indexed", pgettext_lazy("extraction", "Indexed")
        FAILED = "failed", pgettext_lazy("extraction", "Failed")

    # Failure codes of library.extraction, as the contributor and staff read them.
    FAILURE_MESSAGES = {
        "unsupported_type": _("This kind of file is not supported. Use PDF, DOCX, TXT or HTML."),
        "empty_file": _("The file is empty."),
        "too_large": _("The file is too large."),
        "encrypted": _("The PDF is protected by a password. Upload a version without one."),
        "no_text": _(
            "No text could be found: the file seems to contain only images (a scan). "
            "Upload a version with a text layer."
        ),
        "malformed": _("The file is damaged or not what its type says."),
        "zip_bomb": _("The file expands to an unreasonable size and was not processed."),
        "unsafe_archive": _("The file contains unsafe paths and was not processed."),
        "xml_entities": _("The file contains XML entity declarations and was not processed."),
        "too_many_pages": _("The document has too many pages."),
        "timeout": _("Processing the file took too long."),
        "resources": _("Processing the file needed too much memory or time."),
        "worker_crashed": _("Processing stopped several times on this file; it was set aside."),
        "file_missing": _(
            "The stored file is missing, so it could not be processed. "
            "Upload it again or ask SCN staff."
        ),
    }

    work = models.UUIDField(
        _("work"),
        default=uuid.uuid4,
        db_index=True,
        help_text=_("Language versions of one work share this value."),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    language = models.CharField(
        _("language of the document"), max_length=5, choices=DOCUMENT_LANGUAGES
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    publisher = models.CharField(_("author or publisher"), max_length=300, blank=True)
    themes: models.ManyToManyField[Theme, Any] = models.ManyToManyField(
        Theme, blank=True, related_name="documents", verbose_name=_("themes")
    )
    cities: models.ManyToManyField[City, Any] = models.ManyToManyField(
        City, blank=True, related_name="documents", verbose_name=_("cities")
    )
    regions: models.ManyToManyField[Region, Any] = models.ManyToManyField(
        Region, blank=True, related_name="documents", verbose_name=_("regions")
    )
    contributing_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributed_documents",
        verbose_name=_("contributing city"),
    )
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributed_documents",
        verbose_name=_("contributed by"),
    )
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    shared_with: models.ManyToManyField[City, Any] = models.ManyToManyField(
        City,
        blank=True,
        related_name="shared_documents",
        verbose_name=_("shared with the cities"),
    )
    status = models.CharField(
        _("review status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200)
    original_filename = models.CharField(_("original file name"), max_length=255)
    file_kind = models.CharField(_("file type"), max_length=10)
    file_size = models.PositiveBigIntegerField(_("file size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    # The first page as a small WebP image (PDFs only), made by the worker after extraction and
    # stored beside the file, in the same private storage: served only by the access-checked
    # library:document-preview view.
    preview = models.FileField(_("preview"), max_length=200, blank=True, editable=False)
    preview_width = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    preview_height = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    extraction_state = models.CharField(
        _("extraction"), max_length=10, choices=Extraction.choices, default=Extraction.PENDING
    )
    extraction_error = models.CharField(_("extraction failure"), max_length=30, blank=True)
    # How many times a worker started on this file: a file that kills workers stops here.
    extraction_attempts = models.PositiveSmallIntegerField(_("extraction attempts"), default=0)
    extraction_started_at = models.DateTimeField(null=True, blank=True)
    # The Celery task (message) that started the current processing: when the same message
    # comes back, its previous run was lost with its worker and the document is taken over.
    extraction_task_id = models.CharField(max_length=64, blank=True, default="")
    indexed_at = models.DateTimeField(_("indexed at"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    # Set on the documents of a search results page (library.search.load_documents).
    listed_cities: list[str]
    available_languages: list[str]

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "visibility"]),
            models.Index(fields=["extraction_state", "extraction_started_at"]),
            models.Index(fields=["year"]),
            # The home page's "new in the library": the newest published first, read in order.
            models.Index(
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                name="library_document_newest",
                condition=Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="document_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(extraction_state="failed") | ~Q(extraction_error=""),
                name="document_failure_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                name="document_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:document-detail", kwargs={"pk": self.pk})

    # What each kind of stored file is called for readers, before they download it.
    FILE_KIND_LABELS = {
        "pdf": _("PDF"),
        "docx": _("Word document (DOCX)"),
        "txt": _("plain text"),
        "html": _("web page (HTML)"),
    }

    @property
    def file_kind_label(self) -> str:
        return str(self.FILE_KIND_LABELS.get(self.file_kind, self.file_kind.upper()))

    @property
    def file_extension(self) -> str:
        """The extension of what the stored file is (its bytes chose it), e.g. ".pdf"."""
        suffix = PurePath(self.file.name or "").suffix.lower()
        if suffix in KIND_EXTENSIONS.values():
            return suffix
        return KIND_EXTENSIONS.get(self.file_kind, "")

    @property
    def download_name(self) -> str:
        """The file name a download gets: the title in the active language (modeltranslation's
        fallback when it has none) with the extension of what the file really is."""
        return title_filename(str(self.title or ""), self.file_extension)

    # Width of the preview in the results list; its height keeps the page's proportions.
    PREVIEW_THUMB_WIDTH = 80

    @property
    def has_preview(self) -> bool:
        return bool(self.preview and self.preview_width and self.preview_height)

    @property
    def preview_url(self) -> str:
        """The access-checked preview URL, versioned so a new preview is never a cached one."""
        version = hashlib.sha256(self.preview.name.encode()).hexdigest()[:12]
        url = reverse("library:document-preview", kwargs={"pk": self.pk})
        return f"{url}?v={version}"

    @property
    def preview_thumb_height(self) -> int:
        if not self.has_preview:
            return 0
        assert self.preview_width and self.preview_height
        return max(1, round(self.PREVIEW_THUMB_WIDTH * self.preview_height / self.preview_width))

    def preview_storage_name(self, token: str) -> str:
        """Where a preview of this document's file is stored: beside it, named after it."""
        path = PurePath(self.file.name)
        return str(path.with_name(f"{path.stem}-preview-{token}.webp"))

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def extraction_error_message(self) -> str:
        return str(self.FAILURE_MESSAGES.get(self.extraction_error, self.extraction_error))

    def title_is_fallback(self) -> bool:
        """True when the title shown is not in the active language (modeltranslation fell back)."""
        from django.utils import translation

        language = translation.get_language() or settings.LANGUAGE_CODE
        return not getattr(self, f"title_{language}", None)


class DocumentChunk(models.Model):
    """One searchable piece of a document: its metadata in one language, or some of its pages.

    Rows are derived from the document and rebuilt by library.services.document_index; the
    vector is stored and GIN-indexed so no query computes to_tsvector.
    """

    class Kind(models.TextChoices):
        META = "meta", _("metadata")
        BODY = "body", _("text")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="chunks")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)
    config = models.CharField(max_length=12)
    page = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search chunk")
        verbose_name_plural = _("search chunks")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "config", "position"], name="chunk_unique_position"
            ),
        ]
        indexes = [GinIndex(fields=["vector"], name="chunk_vector_gin")]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.kind}/{self.config}/{self.position}"


class DocumentSearch(SearchRow):
    """What search reads of one document, in one narrow row: never written by Python code.

    Database triggers (migration 0003) keep it equal to the document, its many-to-many rows and
    its chunks in the same transaction, so a change of status, visibility or themes is seen by
    the next search whatever made it (a service, the admin, a queryset update). `lex_*` hold the
    document's words per text-search configuration (positions stripped: matching only) and are
    GIN-indexed; `meta` holds its titles and summaries with positions, for ranking; `titles`
    the words of its titles only (migration 0004, GIN-indexed), to put title matches first.
    Long columns live out of line so a search that only matches and counts reads a small heap.
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="search_row"
    )
    status = models.CharField(max_length=10)
    visibility = models.CharField(max_length=10)
    language = models.CharField(max_length=5)
    kind = models.CharField(max_length=20)
    year = models.SmallIntegerField(null=True)
    published_at = models.DateTimeField(null=True)
    # Plain ids, not foreign keys: copies of the document's, read only by search.
    contributing_city_id = models.BigIntegerField(null=True)
    contributed_by_id = models.BigIntegerField(null=True)
    shared_with = ArrayField(models.BigIntegerField(), default=list)
    theme_ids = ArrayField(models.BigIntegerField(), default=list)
    city_ids = ArrayField(models.BigIntegerField(), default=list)
    region_ids = ArrayField(models.BigIntegerField(), default=list)

    class Meta:
        indexes = [
            GinIndex(fields=["lex_en"], name="docsearch_lex_en"),
            GinIndex(fields=["lex_fr"], name="docsearch_lex_fr"),
            GinIndex(fields=["lex_ar"], name="docsearch_lex_ar"),
            GinIndex(fields=["lex_simple"], name="docsearch_lex_simple"),
            GinIndex(fields=["meta"], name="docsearch_meta"),
            GinIndex(fields=["titles"], name="docsearch_titles"),
        ]

    def __str__(self) -> str:
        return str(self.document_id)


class DocumentDownload(models.Model):
    """Who downloaded what and when, for staff statistics."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    city = models.ForeignKey(City, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.document_id} @ {self.created_at:%Y-%m-%d %H:%M}"
