"""Pure helpers of the toolkit ZIP: the access key of a reader class, the names of the files in
the archive, the failure messages, and the index page (HTML) that goes in it."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from library.filenames import title_filename

if TYPE_CHECKING:
    from collections.abc import Iterable

INDEX_NAME = "index.html"
DOCUMENTS_FOLDER = "documents"
# Already compressed formats go in as they are: deflating them costs time and saves nothing.
STORED_KINDS = frozenset({"pdf", "docx"})

# What each failure code of ToolkitArchive.failure_reason tells the reader.
FAILURE_MESSAGES = {
    "storage": _("The archive could not be written. Try again in a few minutes."),
    "timeout": _("Building the archive took too long. Try again in a few minutes."),
    "worker_crashed": _("Building the archive stopped several times; it was set aside."),
    "outdated": _("The toolkit changed while the archive waited. Ask for a new one."),
}


def access_key(document_ids: Iterable[int]) -> str:
    """The key of a reader class: a digest of the sorted ids of the toolkit's documents the
    reader may see. Readers with the same key may share one archive; one more (or one fewer)
    visible document gives another key. The empty set has a key too."""
    text = ",".join(str(pk) for pk in sorted(set(document_ids)))
    return hashlib.sha256(f"toolkit-documents:{text}".encode()).hexdigest()


def failure_message(code: str) -> str:
    return str(FAILURE_MESSAGES.get(code, FAILURE_MESSAGES["storage"]))


def unique_member_name(title: str, extension: str, taken: set[str]) -> str:
    """The name of a document in the archive: its title made safe (library's download naming),
    in the documents folder, with " (2)", " (3)"... when another document has the same name.
    Compared without case, as the file systems of Windows and macOS do. Adds it to `taken`."""
    name = title_filename(title, extension)
    stem, suffix = name[: len(name) - len(extension)], extension
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.casefold())
    return f"{DOCUMENTS_FOLDER}/{candidate}"


def archive_filename(group_name: str) -> str:
    """The name the ZIP gets when downloaded: the working group's name and "toolkit"."""
    label = _("%(name)s toolkit") % {"name": group_name}
    return title_filename(str(label), ".zip")


def index_html(*, language: str, context: dict[str, Any]) -> str:
    """The index page of the archive in `language` (right to left for Arabic): every item of
    every section with its note, documents linked to their file in the archive, practices to
    their city page on the hub; the documents whose file was missing are named as such."""
    with translation.override(language):
        return render_to_string(
            "training/toolkit_index.html",
            {
                **context,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
