from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("library")

    def ready(self) -> None:
        from hub import pending
        from hub import search as engine

        from . import audit  # noqa: F401  (declares the library's audit actions)
        from .home import register_panels as register_home_panels
        from .models import Document
        from .search import DOCUMENTS

        engine.register(DOCUMENTS)
        register_home_panels()

        pending.register(
            pending.PendingCounter(
                label=_("documents waiting for review"),
                url_name="admin:library_document_changelist",
                query="status__exact=submitted",
                count=lambda: Document.objects.filter(status=Document.Status.SUBMITTED).count(),
            )
        )
        pending.register(
            pending.PendingCounter(
                label=_("documents whose text extraction failed"),
                url_name="admin:library_document_changelist",
                query="extraction_state__exact=failed",
                count=lambda: Document.objects.filter(
                    extraction_state=Document.Extraction.FAILED
                ).count(),
            )
        )
        pending.register(
            pending.PendingCounter(
                label=_("documents waiting for text extraction"),
                url_name="admin:library_document_changelist",
                query="extraction_state__exact=pending",
                count=lambda: Document.objects.filter(
                    extraction_state=Document.Extraction.PENDING
                ).count(),
            )
        )
