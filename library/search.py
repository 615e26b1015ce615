"""Full-text search of the library: chunking, per-language configurations, queries, facets.

Design (see DESIGN.md, "Library and search"):
- Each document is indexed as chunks (library.models.DocumentChunk): one metadata chunk per
  language it has a title in, with that language's configuration, and body chunks of a few
  pages each with the configuration of the document's language. Vectors are stored and
  GIN-indexed; chunking keeps every vector far below Postgres's limits (1 MB, 16,383 positions)
  and keeps text deep inside a long report findable.
- A query is parsed with websearch_to_tsquery in each configuration and the results are OR-ed, so
  a French query finds an English study through its French title or summary, and an Arabic
  query matches with or without diacritics (both sides go through arabic_normalise).
- Highlights are computed only for the rows of the page shown, over a bounded excerpt; the text
  is HTML-escaped before the marks are inserted.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from library.models import DOCUMENT_LANGUAGES, Document

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from hub.models import User

CONFIGS = {"en": "hub_en", "fr": "hub_fr", "ar": "hub_ar"}
DEFAULT_CONFIG = "hub_simple"
CHUNK_CHARS = 8000  # body text per chunk: a few pages; ~1,500 words, far below vector limits
EXCERPT_CHARS = 4000  # what ts_headline reads of the best chunk
MAX_QUERY_CHARS = 300
PAGE_SIZE = 20
COUNT_CAP = 10_000  # past this, the total is shown as "more than 10,000"
MARK_START, MARK_END = "\ue000", "\ue001"  # private-use sentinels, removed from indexed text

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})


def arabic_normalise(text: str) -> str:
    """Fold Arabic spelling variants: strip tashkeel and tatweel, unify alef forms, ى→ي, ة→ه."""
    return _TASHKEEL.sub("", text).translate(_ALEF)


def config_for(language: str) -> str:
    return CONFIGS.get(language, DEFAULT_CONFIG)


def prepare_text(text: str, config: str) -> str:
    text = text.replace(MARK_START, "").replace(MARK_END, "")
    return arabic_normalise(text) if config == "hub_ar" else text


@dataclass(frozen=True)
class ChunkSpec:
    kind: str
    config: str
    position: int
    text: str
    page: int | None = None


def document_chunks(document: Document, pages: list[str]) -> list[ChunkSpec]:
    """The chunks that index `document`: metadata per title language, then its pages."""
    specs: list[ChunkSpec] = []
    for language in CONFIGS:
        title = getattr(document, f"title_{language}", "") or ""
        summary = getattr(document, f"summary_{language}", "") or ""
        if not (title or summary):
            continue
        text = "\n".join(part for part in (title, summary, document.publisher) if part)
        config = config_for(language)
        specs.append(ChunkSpec("meta", config, 0, prepare_text(text, config)))
    config = config_for(document.language)
    buffer: list[str] = []
    size, first_page, position = 0, 1, 0
    for number, page in enumerate(pages, start=1):
        for piece in _split(page, CHUNK_CHARS - 1):
            if buffer and size + len(piece) + 1 > CHUNK_CHARS:
                specs.append(
                    ChunkSpec(
                        "body",
                        config,
                        position,
                        prepare_text("\n".join(buffer), config),
                        first_page,
                    )
                )
                position += 1
                buffer, size = [], 0
            if not buffer:
                first_page = number
            buffer.append(piece)
            size += len(piece) + 1
    if buffer:
        specs.append(
            ChunkSpec("body", config, position, prepare_text("\n".join(buffer), config), first_page)
        )
    return specs


def _split(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text] if text.strip() else []
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind(" ", start + limit // 2, end)
            end = cut if cut > start else end
        parts.append(text[start:end])
        start = end
    return [p for p in parts if p.strip()]


# --- Queries ---------------------------------------------------------------------------------


_QUOTES = str.maketrans({q: '"' for q in "“”„«»‟〝〞"})


def clean_query(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_CHARS * 4])
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    # websearch syntax knows only the ASCII quote; people type the quotes of their language.
    text = text.translate(_QUOTES)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def has_searchable_words(query: str) -> bool:
    return any(ch.isalnum() for ch in query)


ALL_CONFIGS = (*CONFIGS.values(), DEFAULT_CONFIG)


def tsquery_sql(query: str) -> tuple[str, list[str]]:
    """A one-row subquery with the query parsed in each configuration, one column each.

    A chunk is matched only by the parse of its own configuration: lexemes of one language
    are not compared with a vector built for another (a French stem is not an English one).
    """
    columns, params = [], []
    for config in ALL_CONFIGS:
        columns.append(f"websearch_to_tsquery('{config}', %s) AS {config}")
        params.append(arabic_normalise(query) if config == "hub_ar" else query)
    return "(SELECT " + ", ".join(columns) + ")", params


# The parsed query that applies to chunk `c`, and the match condition, over subquery `q`.
QUERY_FOR_CHUNK = (
    "CASE c.config "
    + " ".join(f"WHEN '{config}' THEN q.{config}" for config in ALL_CONFIGS)
    + " END"
)
MATCH = (
    "("
    + " OR ".join(f"(c.config = '{config}' AND c.vector @@ q.{config})" for config in ALL_CONFIGS)
    + ")"
)


FACETS = ("theme", "city", "region", "language", "kind", "year")
SORTS = ("relevance", "newest", "oldest", "title")


@dataclass
class SearchParams:
    query: str = ""
    themes: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_querydict(cls, data: Any) -> SearchParams:
        """Parse request.GET leniently: what cannot be understood is dropped, never an error."""

        def values(name: str, limit: int = 20) -> list[str]:
            return [v[:100] for v in data.getlist(name)[:limit] if v]

        years = []
        for value in values("year"):
            if value.isdigit() and 1900 <= int(value) <= 2100:
                years.append(int(value))
        query = clean_query(data.get("q", ""))
        sort = data.get("sort", "")
        if sort not in SORTS:
            sort = "relevance"  # without words to rank by, relevance orders by date
        try:
            page = max(1, min(int(data.get("page", "1")), 100_000))
        except ValueError:
            page = 1
        return cls(
            query=query,
            themes=values("theme"),
            cities=values("city"),
            regions=values("region"),
            languages=values("language"),
            kinds=values("kind"),
            years=years,
            sort=sort,
            page=page,
        )

    def selected(self, facet: str) -> set[str]:
        mapping = {
            "theme": self.themes,
            "city": self.cities,
            "region": self.regions,
            "language": self.languages,
            "kind": self.kinds,
            "year": [str(y) for y in self.years],
        }
        return set(mapping[facet])


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    documents: list[Document]
    total: int
    total_is_capped: bool
    page: int
    page_count: int
    facets: dict[str, list[FacetValue]]
    highlights: dict[int, SafeString]
    languages: dict[Any, list[str]]
    query_is_empty_of_words: bool = False


def _filtered(user: User | AnonymousUser, params: SearchParams) -> QuerySet[Document]:
    qs = Document.objects.visible_to(user).published()
    # Many-to-many filters as EXISTS: no join, so the WHERE clause stands on its own (see _where).
    for values, through, lookup in (
        (params.themes, Document.themes.through, "theme__slug__in"),
        (params.cities, Document.cities.through, "city__slug__in"),
        (params.regions, Document.regions.through, "region__slug__in"),
    ):
        if values:
            qs = qs.filter(
                Exists(through.objects.filter(document_id=OuterRef("pk"), **{lookup: values}))
            )
    if params.languages:
        qs = qs.filter(language__in=params.languages)
    if params.kinds:
        qs = qs.filter(kind__in=params.kinds)
    if params.years:
        qs = qs.filter(year__in=params.years)
    return qs


def _where(qs: QuerySet[Document]) -> tuple[str, list[Any]]:
    """The queryset's WHERE clause as SQL over the table name `library_document`."""
    query = qs.query
    compiler = query.get_compiler(using=qs.db)
    query.get_initial_alias()
    try:
        sql, params = compiler.compile(query.where)
    except EmptyResultSet:
        return "FALSE", []
    return sql or "TRUE", list(params)


def search(*, user: User | AnonymousUser, params: SearchParams) -> SearchResult:
    """One page of results, the (capped) total and the facets, for what `user` may see."""
    filtered = _filtered(user, params)
    query = params.query if has_searchable_words(params.query) else ""
    where, where_params = _where(filtered)
    if query:
        tsq, tsq_params = tsquery_sql(query)
        # Chunks found through the GIN index, joined to their document by primary key: the
        # document conditions are checked only for documents that match the words.
        source = (
            f"FROM library_documentchunk c "
            f"JOIN library_document ON library_document.id = c.document_id, {tsq} q "
            f"WHERE {MATCH} AND {where}"
        )
        source_params = [*tsq_params, *where_params]
        # Counts and facets need only which documents match; ranking (which reads every
        # matching vector) is paid once, for ordering by relevance.
        hits_sql = f"SELECT DISTINCT c.document_id AS id {source}"
        ranked_sql = (
            f"SELECT c.document_id AS id, max(ts_rank(c.vector, {QUERY_FOR_CHUNK})) AS rank "
            f"{source} GROUP BY c.document_id"
        )
    else:
        source_params = list(where_params)
        hits_sql = f"SELECT library_document.id AS id FROM library_document WHERE {where}"
        ranked_sql = (
            f"SELECT library_document.id AS id, 0::real AS rank FROM library_document "
            f"WHERE {where}"
        )

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM ({hits_sql}) m LIMIT {COUNT_CAP + 1}) x",
            source_params,
        )
        total = cursor.fetchone()[0]
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    page_count = max(1, -(-total // PAGE_SIZE))
    page = min(params.page, page_count)
    offset = (page - 1) * PAGE_SIZE

    sort = params.sort if query or params.sort != "relevance" else "newest"
    if sort == "relevance":
        page_sql = ranked_sql
    else:
        page_sql = f"SELECT h.id, 0::real AS rank FROM ({hits_sql}) h"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.id FROM ({page_sql}) m JOIN library_document d ON d.id = m.id "
            f"ORDER BY {_order_sql(sort)} LIMIT {PAGE_SIZE} OFFSET {offset}",
            source_params,
        )
        page_ids = [row[0] for row in cursor.fetchall()]

    by_id = {
        d.pk: d
        for d in Document.objects.filter(pk__in=page_ids)
        .select_related("contributing_city")
        .prefetch_related("cities")
    }
    documents = [by_id[pk] for pk in page_ids if pk in by_id]
    return SearchResult(
        documents=documents,
        total=total,
        total_is_capped=capped,
        page=page,
        page_count=page_count,
        facets=_facets(hits_sql, source_params, params),
        highlights=_highlights(page_ids, query) if query else {},
        languages=_languages(user, documents),
        query_is_empty_of_words=bool(params.query) and not query,
    )


def _order_sql(sort: str) -> str:
    language = translation.get_language() or "en"
    language = language if language in CONFIGS else "en"
    title = f"coalesce(nullif(d.title_{language}, ''), d.title_en, d.title_fr, d.title_ar)"
    return {
        "relevance": "m.rank DESC, d.published_at DESC NULLS LAST, d.id DESC",
        "newest": "d.year DESC NULLS LAST, d.published_at DESC NULLS LAST, d.id DESC",
        "oldest": "d.year ASC NULLS LAST, d.published_at ASC NULLS LAST, d.id ASC",
        "title": f"lower({title}) ASC, d.id ASC",
    }[sort]


def _facets(
    matched_sql: str, matched_params: list[Any], params: SearchParams
) -> dict[str, list[FacetValue]]:
    """Counts of each facet value over the whole current result set, in one query."""
    sql = f"""
        WITH m AS ({matched_sql})
        SELECT 'theme', t.slug, t.name_en, t.name_fr, t.name_ar, count(*)
          FROM m JOIN library_document_themes x ON x.document_id = m.id
          JOIN hub_theme t ON t.id = x.theme_id GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT 'city', c.slug, c.name_en, c.name_fr, c.name_ar, count(*)
          FROM m JOIN library_document_cities x ON x.document_id = m.id
          JOIN hub_city c ON c.id = x.city_id GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT 'region', r.slug, r.name_en, r.name_fr, r.name_ar, count(*)
          FROM m JOIN library_document_regions x ON x.document_id = m.id
          JOIN hub_region r ON r.id = x.region_id GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT 'language', d.language, NULL, NULL, NULL, count(*)
          FROM m JOIN library_document d ON d.id = m.id GROUP BY 1, 2
        UNION ALL
        SELECT 'kind', d.kind, NULL, NULL, NULL, count(*)
          FROM m JOIN library_document d ON d.id = m.id GROUP BY 1, 2
        UNION ALL
        SELECT 'year', d.year::text, NULL, NULL, NULL, count(*)
          FROM m JOIN library_document d ON d.id = m.id WHERE d.year IS NOT NULL GROUP BY 1, 2
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, matched_params)
        rows = cursor.fetchall()
    language = translation.get_language() or "en"
    labels = {
        "language": dict(DOCUMENT_LANGUAGES),
        "kind": dict(Document.Kind.choices),
    }
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for facet, key, name_en, name_fr, name_ar, count in rows:
        if facet in labels:
            label = str(labels[facet].get(key, key))
        elif facet == "year":
            label = key
        else:
            names = {"en": name_en, "fr": name_fr, "ar": name_ar}
            label = names.get(language) or name_en or key
        facets[facet].append(FacetValue(key, label, count, key in params.selected(facet)))
    for facet, values in facets.items():
        if facet == "year":
            values.sort(key=lambda v: v.key, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold()))
    return facets


def _highlights(page_ids: list[int], query: str) -> dict[int, SafeString]:
    if not page_ids:
        return {}
    tsq, tsq_params = tsquery_sql(query)
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, "
        'FragmentDelimiter=" … "'
    )
    sql = f"""
        SELECT DISTINCT ON (c.document_id) c.document_id,
               ts_headline(c.config::regconfig, left(c.text, {EXCERPT_CHARS}),
                           {QUERY_FOR_CHUNK}, %s)
          FROM library_documentchunk c, {tsq} q
         WHERE c.document_id = ANY(%s) AND {MATCH}
         ORDER BY c.document_id, (c.kind = 'body') DESC,
                  ts_rank(c.vector, {QUERY_FOR_CHUNK}) DESC
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [options, *tsq_params, page_ids])
        rows = cursor.fetchall()
    return {doc_id: mark_highlights(headline) for doc_id, headline in rows}


def mark_highlights(headline: str) -> SafeString:
    """Escape the excerpt, then turn the sentinels into <mark>: the text can never inject HTML."""
    escaped = html.escape(headline)
    return mark_safe(  # noqa: S308  (escaped above; only our own tags are added)
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def _languages(user: User | AnonymousUser, documents: list[Document]) -> dict[Any, list[str]]:
    """For each work on the page, the languages it is available in (visible versions only)."""
    works = {d.work for d in documents}
    if not works:
        return {}
    available: dict[Any, list[str]] = {}
    rows = (
        Document.objects.visible_to(user)
        .published()
        .filter(work__in=works)
        .order_by("language")
        .values_list("work", "language")
    )
    for work, language in rows:
        available.setdefault(work, [])
        if language not in available[work]:
            available[work].append(language)
    return available


__all__ = [
    "COUNT_CAP",
    "PAGE_SIZE",
    "SearchParams",
    "SearchResult",
    "arabic_normalise",
    "config_for",
    "document_chunks",
    "search",
]
