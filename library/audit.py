"""The library's actions in the audit log (hub.audit)."""

from django.utils.translation import gettext_lazy as _

from hub import audit

DOCUMENT_PUBLISHED = audit.action("library.document_published", _("document published"))
DOCUMENT_REJECTED = audit.action("library.document_rejected", _("document rejected"))
DOCUMENT_ARCHIVED = audit.action("library.document_archived", _("document archived"))
DOCUMENT_REEXTRACTED = audit.action(
    "library.document_reextracted", _("document text extracted again")
)
DOCUMENT_UPDATED = audit.action("library.document_updated", _("document details changed"))
DOCUMENT_DELETED = audit.action("library.document_deleted", _("document deleted"))
DOCUMENT_RESUBMITTED = audit.action(
    "library.document_resubmitted", _("document changed and sent again for review")
)
