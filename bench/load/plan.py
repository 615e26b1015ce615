"""What the members do: the pages of a journey, the search terms, the documents they open.

Terms are picked by their measured document frequency exactly as bench.library_search picks
them (:func:`bench.library_search.terms.pick_terms`); documents among those the member may see.
"""

# ruff: noqa: S311  (reproducible choice of benchmark documents, not secrets)
from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from bench.library_search.common import BENCH_FILE, log

if TYPE_CHECKING:
    from hub.models import User

# A journey, in order; between two pages the member thinks 1-3 s.
PAGES = (
    "home",
    "directory",
    "search_selective",
    "search_faceted",
    "search_common",
    "search_common_p2",
    "document",
    "download",
)
FACET_LANGUAGE = "en"


def paths() -> dict[str, str]:
    """The URLs of the pages, from the project's URL names ("{pk}" for the document's id)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        detail = reverse("library:document-detail", args=[1])
        download = reverse("library:document-download", args=[1])
        return {
            "home": reverse("hub:home"),
            "directory": reverse("cityprofiles:directory"),
            "search": reverse("library:document-list"),
            "document": detail.replace("/1/", "/{pk}/"),
            "download": download.replace("/1/", "/{pk}/"),
        }


def search_terms(published: int) -> dict[str, Any]:
    """Selective and common terms of every language; mid English terms for the faceted search."""
    from bench.library_search.terms import facet_theme, pick_terms, published_per_language

    picked = pick_terms(published, published_per_language())
    theme, share = facet_theme(published)

    def words(cls: str, languages: tuple[str, ...] = ("en", "fr", "ar")) -> list[str]:
        return [t["term"] for language in languages for t in picked[language][cls]]

    terms = {
        "selective": words("selective"),
        "faceted": words("mid", (FACET_LANGUAGE,)),
        "common": words("common"),
    }
    for cls, chosen in terms.items():
        if not chosen:
            raise RuntimeError(f"no {cls} term found in this library")
    log(
        f"Terms: {len(terms['selective'])} selective, {len(terms['faceted'])} mid (faceted: "
        f"theme={theme}, {share:.1%} of documents, language={FACET_LANGUAGE}), "
        f"{len(terms['common'])} common."
    )
    return {
        "terms": terms,
        "facet": {"theme": theme, "language": FACET_LANGUAGE},
        "theme_share": round(share, 3),
        "measured": picked,
    }


def member_documents(member: User, count: int, seed: int) -> list[int]:
    """`count` published documents `member` may see (same city for every member: one list)."""
    from library.models import Document

    visible = list(
        Document.objects.visible_to(member)
        .published()
        .filter(file=BENCH_FILE)  # the one file the benchmark puts in MEDIA_ROOT
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not visible:
        raise RuntimeError(f"{member.email} sees no document")
    return random.Random(seed).sample(visible, min(count, len(visible)))
