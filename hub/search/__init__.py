"""The one search engine of the hub, shared by every content type.

An app declares a :class:`SearchSource` (its row table, chunk table if any, facets, sorts, the SQL
twin of its ``visible_to``, how to load a page of objects), registers it from its
``AppConfig.ready()``, and gets search, facets and highlights from :func:`search`:

- :mod:`.text`: configurations per language, Arabic folding, chunking, query cleaning;
- :mod:`.tsquery`: the tree of a parsed query (phrases are checked on chunks);
- :mod:`.source`: what a source declares, and the registry;
- :mod:`.params`: lenient parsing of the URL's search parameters;
- :mod:`.engine`: matches, facets (one pass, planner-sized sample), order, the page;
- :mod:`.highlights`: snippets for the page only, escaped before marking;
- :mod:`.facets`: facets on the shared taxonomy; :mod:`.sql`: the database objects.
"""

from hub.search.counting import (
    FACET_SAMPLE_ABOVE,
    FACET_SAMPLE_SIZE,
    RELEVANCE_WINDOW,
    FacetValue,
)
from hub.search.engine import SearchResult, search, top_hits
from hub.search.highlights import mark_highlights
from hub.search.params import SearchParams
from hub.search.source import (
    Chunks,
    Facet,
    PageContext,
    RankContext,
    SearchNotes,
    SearchSource,
    Sort,
    get,
    register,
)
from hub.search.source import registered as registered_sources
from hub.search.text import (
    ALL_CONFIGS,
    CONFIGS,
    LEX_COLUMNS,
    ChunkSpec,
    arabic_normalise,
    chunk_pages,
    clean_query,
    config_for,
    has_searchable_words,
    reader_language,
    strip_marks,
)

__all__ = [
    "ALL_CONFIGS",
    "CONFIGS",
    "FACET_SAMPLE_ABOVE",
    "FACET_SAMPLE_SIZE",
    "LEX_COLUMNS",
    "RELEVANCE_WINDOW",
    "ChunkSpec",
    "Chunks",
    "Facet",
    "FacetValue",
    "PageContext",
    "RankContext",
    "SearchParams",
    "SearchNotes",
    "SearchResult",
    "SearchSource",
    "Sort",
    "arabic_normalise",
    "chunk_pages",
    "clean_query",
    "config_for",
    "get",
    "has_searchable_words",
    "mark_highlights",
    "strip_marks",
    "reader_language",
    "register",
    "registered_sources",
    "search",
    "top_hits",
]
