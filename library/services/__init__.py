"""Everything in the library that writes: one function per use case, each owning its transaction.

- :mod:`.contributions`: members' contributions (and their correction after a rejection) and
  staff's bulk import;
- :mod:`.review`: publish, reject, archive, extract again, edit the description (audited);
- :mod:`.indexing`: extraction and indexing (the worker), the sweeper;
- :mod:`.downloads`: the record of downloads.
"""

from library.services.contributions import (
    EDITABLE_STATUSES,
    DuplicateDocument,
    NotEditable,
    document_contribute,
    document_import,
    document_resubmit,
)
from library.services.downloads import download_record
from library.services.indexing import document_extract, document_index, document_sweep
from library.services.review import (
    EDITABLE_FIELDS,
    EDITABLE_RELATIONS,
    document_archive,
    document_delete,
    document_publish,
    document_reextract,
    document_reject,
    document_update,
)

__all__ = [
    "EDITABLE_FIELDS",
    "EDITABLE_RELATIONS",
    "EDITABLE_STATUSES",
    "DuplicateDocument",
    "NotEditable",
    "document_archive",
    "document_contribute",
    "document_delete",
    "document_extract",
    "document_import",
    "document_index",
    "document_publish",
    "document_reextract",
    "document_reject",
    "document_resubmit",
    "document_sweep",
    "document_update",
    "download_record",
]
