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
- Search reads one narrow row per document (library.models.DocumentSearch), kept by database
  triggers: one statement gives the exact total, the facet counts (from a sample past
  FACET_SAMPLE_ABOVE results) and the first RELEVANCE_WINDOW results, title matches first.
- Highlights are computed only for the rows of the page shown, over a bounded excerpt around
  the first match; the text is HTML-escaped before the marks are inserted.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from hub.permissions import is_staff_curator
from library.models import DOCUMENT_LANGUAGES, Document

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User

CONFIGS = {"en": "hub_en", "fr": "hub_fr", "ar": "hub_ar"}
DEFAULT_CONFIG = "hub_simple"
CHUNK_CHARS = 8000  # body text per chunk: a few pages; ~1,500 words, far below vector limits
EXCERPT_CHARS = 1000  # what ts_headline reads of the best chunk, from a little before a match
EXCERPT_LEAD = 250  # characters of the excerpt before the first query word
MAX_QUERY_CHARS = 300
PAGE_SIZE = 20
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
    page: int
    page_count: int
    facets: dict[str, list[FacetValue]]
    highlights: dict[int, SafeString]
    languages: dict[Any, list[str]]
    query_is_empty_of_words: bool = False
    # Past FACET_SAMPLE_ABOVE results, facet counts are scaled from a sample of the results.
    facets_are_estimates: bool = False


# --- Parsed queries over the per-document search rows ------------------------------------------
#
# A query matches a document when, in any configuration, the document's words for that
# configuration (library_documentsearch.lex_*) match the query parsed in that configuration.
# Those vectors are positional for the first chunks only, so phrases (`"local action plan"`,
# and the phrases the parser makes of hyphenated words) are checked in two steps: the words of
# the phrase must all be in the document (indexed), and one of its chunks must hold the phrase.
# Everything else (and, or, not) is evaluated on the whole document.

_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*'(?::[*A-D]+)?)|(<->|<\d+>)|([&|!()]))")
_DISTANCE = re.compile(r"('(?:[^']|'')*')|<(?:-|\d+)>")


@dataclass(frozen=True)
class _Node:
    op: str  # "lex", "&", "|", "!", "<>"
    text: str  # the node as tsquery text
    children: tuple[_Node, ...] = ()

    @property
    def has_phrase(self) -> bool:
        return self.op == "<>" or any(child.has_phrase for child in self.children)


def _parse_tsquery(text: str) -> _Node | None:
    """Parse Postgres's text form of a tsquery (as websearch_to_tsquery prints it).

    Should the text ever not parse, the whole query is treated as one phrase: matched on the
    document by its words, and on one chunk exactly.
    """
    try:
        return _parse_tsquery_strict(text)
    except (ValueError, IndexError):
        return _Node("<>", text)


def _parse_tsquery_strict(text: str) -> _Node | None:
    tokens: list[str] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            if text[position:].strip():
                raise ValueError(text)
            break
        tokens.append(match.group(match.lastindex or 0))
        position = match.end()
    if not tokens:
        return None
    index = 0
    # Postgres's priorities: ! binds tightest, then phrase, then &, then |.
    binary = {"|": 1, "&": 2}

    def primary() -> _Node:
        nonlocal index
        item = tokens[index]
        index += 1
        if item == "!":
            child = primary()
            return _Node("!", f"!{_wrap(child)}", (child,))
        if item == "(":
            node = expression(0)
            index += 1  # ")"
            return node
        return _Node("lex", item)

    def phrase() -> _Node:
        nonlocal index
        node = primary()
        while index < len(tokens) and tokens[index].startswith("<"):
            operator = tokens[index]
            index += 1
            right = primary()
            node = _Node("<>", f"{_wrap(node)} {operator} {_wrap(right)}", (node, right))
        return node

    def expression(minimum: int) -> _Node:
        nonlocal index
        node = phrase()
        while index < len(tokens) and binary.get(tokens[index], 0) > minimum:
            operator = tokens[index]
            index += 1
            right = expression(binary[operator])
            node = _Node(operator, f"{_wrap(node)} {operator} {_wrap(right)}", (node, right))
        return node

    tree = expression(0)
    if index != len(tokens):
        raise ValueError(text)
    return tree


def _wrap(node: _Node) -> str:
    return node.text if node.op in ("lex", "!") else f"( {node.text} )"


def _relaxed(text: str) -> str:
    """A phrase's words without their order: each distance operator becomes AND."""
    return _DISTANCE.sub(lambda m: m.group(1) or "&", text)


def _document_match(node: _Node, config: str, column: str) -> tuple[str, list[str]]:
    """SQL over search row `s` that is true when the document matches `node` in `config`."""
    if not node.has_phrase:
        return f"s.{column} @@ %s::tsquery", [node.text]
    if node.op == "<>":
        return (
            f"(s.{column} @@ %s::tsquery AND EXISTS (SELECT 1 FROM library_documentchunk c "
            f"WHERE c.document_id = s.document_id AND c.config = '{config}' "
            f"AND c.vector @@ %s::tsquery))",
            [_relaxed(node.text), node.text],
        )
    if node.op == "!":
        sql, params = _document_match(node.children[0], config, column)
        return f"NOT {sql}", params
    left, left_params = _document_match(node.children[0], config, column)
    right, right_params = _document_match(node.children[1], config, column)
    joiner = " AND " if node.op == "&" else " OR "
    return f"({left}{joiner}{right})", [*left_params, *right_params]


LEX_COLUMNS = {
    "hub_en": "lex_en",
    "hub_fr": "lex_fr",
    "hub_ar": "lex_ar",
    "hub_simple": "lex_simple",
}


@dataclass
class _Query:
    """The words of a search, parsed once per configuration."""

    parsed: dict[str, str]  # configuration -> tsquery text ('' when it has no words there)
    match_sql: str
    match_params: list[str]

    @property
    def empty(self) -> bool:
        return not any(self.parsed.values())

    @property
    def texts(self) -> list[str]:
        """The distinct parses, for what is matched across configurations (titles, rank)."""
        return sorted({text for text in self.parsed.values() if text})


def _parse_query(cursor: Any, query: str) -> _Query:
    # Also, for the rest of this transaction: no sequential scans (the planner does not cost
    # reading the out-of-line vectors a sequential scan must detoast, and would choose it for
    # common words, where the GIN indexes are ten times faster); no parallel workers (each
    # would build the same hashed title matches; two cores serve other readers better); and
    # memory enough to keep the matches of a common word out of temporary files.
    cursor.execute(
        "SELECT set_config('enable_seqscan', 'off', true), "
        "set_config('max_parallel_workers_per_gather', '0', true), "
        "set_config('work_mem', '32MB', true), "
        + ", ".join(f"websearch_to_tsquery('{config}', %s)::text" for config in ALL_CONFIGS),
        [arabic_normalise(query) if c == "hub_ar" else query for c in ALL_CONFIGS],
    )
    parsed = dict(zip(ALL_CONFIGS, cursor.fetchone()[3:], strict=True))
    arms, params = [], []
    for config, text in parsed.items():
        node = _parse_tsquery(text)
        if node is None:
            continue
        sql, arm_params = _document_match(node, config, LEX_COLUMNS[config])
        arms.append(sql)
        params.extend(arm_params)
    return _Query(parsed, "(" + " OR ".join(arms or ["FALSE"]) + ")", params)


def _reader_language() -> str:
    """The active language if it is one of the hub's three, else English."""
    language = translation.get_language() or "en"
    return language if language in CONFIGS else "en"


def _visibility_sql(user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """`Document.objects.visible_to(user).published()` over search row `s`.

    tests/library/test_search.py checks that both give the same documents for every kind of
    reader: change them together.
    """
    published = "s.status = %s"
    if not user.is_authenticated or not user.is_active:
        return "FALSE", []
    if is_staff_curator(user):
        return published, [Document.Status.PUBLISHED]
    readable = ["s.visibility = ANY(%s)"]
    params: list[Any] = [[Document.Visibility.PUBLIC, Document.Visibility.MEMBERS]]
    if user.city_id:
        readable.append(
            "(s.visibility = %s AND (s.contributing_city_id = %s"
            " OR s.shared_with @> ARRAY[%s]::bigint[]))"
        )
        params += [Document.Visibility.CITIES, user.city_id, user.city_id]
    readable.append("s.contributed_by_id = %s")
    params.append(user.pk)
    return f"{published} AND ({' OR '.join(readable)})", [Document.Status.PUBLISHED, *params]


def _filters_sql(params: SearchParams) -> tuple[str, list[Any]]:
    clauses, values = [], []
    for selected, column, table in (
        (params.themes, "theme_ids", "hub_theme"),
        (params.cities, "city_ids", "hub_city"),
        (params.regions, "region_ids", "hub_region"),
    ):
        if selected:
            clauses.append(f"s.{column} && ARRAY(SELECT id FROM {table} WHERE slug = ANY(%s))")
            values.append(selected)
    for selected, column in (
        (params.languages, "language"),
        (params.kinds, "kind"),
        (params.years, "year"),
    ):
        if selected:
            clauses.append(f"s.{column} = ANY(%s)")
            values.append(list(selected))
    return " AND ".join(clauses) or "TRUE", values


FACET_SAMPLE_ABOVE = 5_000  # facet counts of larger result sets come from a sample
FACET_SAMPLE_SIZE = 4_000  # about this many documents
RELEVANCE_WINDOW = 200  # the first results by title match and date, reordered by rank

_DATE_ORDER = {
    "newest": "year DESC NULLS LAST, published_at DESC NULLS LAST, document_id DESC",
    "oldest": "year ASC NULLS LAST, published_at ASC NULLS LAST, document_id ASC",
}


def search(*, user: User | AnonymousUser, params: SearchParams) -> SearchResult:
    """One page of results, the exact total and the facets, for what `user` may see."""
    query = params.query if has_searchable_words(params.query) else ""
    visible, visible_params = _visibility_sql(user)
    filters, filter_params = _filters_sql(params)
    sort = params.sort if query or params.sort != "relevance" else "newest"
    with transaction.atomic(), connection.cursor() as cursor:
        parsed = _parse_query(cursor, query) if query else None
        where = f"{visible} AND {filters}"
        where_params = [*visible_params, *filter_params]
        if parsed is not None:
            where += f" AND {parsed.match_sql}"
            where_params += parsed.match_params
        wanted = (params.page - 1) * PAGE_SIZE
        # The planner's estimate of the number of matches decides how their facets are
        # counted: past FACET_SAMPLE_ABOVE, on a sample (the total is always exact). A wrong
        # estimate costs time, or for a set under half the threshold a second statement.
        step = _sample_step(_estimate(cursor, where, where_params))
        plan = _Plan(sort=sort, parsed=parsed, step=step, wanted=wanted)
        matches = _matches(cursor, where, where_params, plan, params)
        if step > 1 and matches.total <= FACET_SAMPLE_ABOVE // 2:
            # Far fewer than estimated: small enough to read exactly, and better so.
            plan = _Plan(sort=sort, parsed=parsed, step=1, wanted=wanted)
            matches = _matches(cursor, where, where_params, plan, params)
        total = matches.total
        page_count = max(1, -(-total // PAGE_SIZE))
        page = min(params.page, page_count)
        offset = (page - 1) * PAGE_SIZE
        page_ids = _page(cursor, where, where_params, plan, matches, offset) if total else []
        highlights = _highlights(cursor, page_ids, parsed) if parsed is not None else {}
        documents = _page_documents(cursor, page_ids)
        languages = _languages(cursor, visible, visible_params, documents)

    return SearchResult(
        documents=documents,
        total=total,
        page=page,
        page_count=page_count,
        facets=matches.facets,
        highlights=highlights,
        languages=languages,
        query_is_empty_of_words=bool(params.query) and not query,
        facets_are_estimates=matches.sampled,
    )


def _estimate(cursor: Any, where: str, where_params: list[Any]) -> int:
    """The planner's estimate of the matches: planning only, nothing is read."""
    cursor.execute(
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM library_documentsearch s WHERE {where}",
        where_params,
    )
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _sample_step(estimate: int) -> int:
    """Facets count every n-th matching document (by id); 1 = all of them."""
    if estimate <= FACET_SAMPLE_ABOVE:
        return 1
    return -(-estimate // FACET_SAMPLE_SIZE)


@dataclass(frozen=True)
class _Plan:
    sort: str
    parsed: _Query | None
    step: int  # facets count every step-th match
    wanted: int  # index of the first result of the page asked for


@dataclass
class _Matches:
    total: int
    facets: dict[str, list[FacetValue]]
    sampled: bool
    window: list[tuple[int, bool]]  # (id, in_titles): the first results in the plain order


def _in_titles(parsed: _Query) -> tuple[str, list[str]]:
    """SQL true when a title of search row `s` matches: one GIN lookup, hashed."""
    texts = parsed.texts
    query = " || ".join("%s::tsquery" for _ in texts)
    return (
        "(s.document_id IN (SELECT document_id FROM library_documentsearch "
        f"WHERE titles @@ ({query})))",
        texts,
    )


def _matches(
    cursor: Any, where: str, where_params: list[Any], plan: _Plan, params: SearchParams
) -> _Matches:
    """The total, the facet counts and the first results, reading the matches once.

    The facet counts come from every `plan.step`-th matching document (by id), scaled to the
    total; the page says they are estimates. Facets are counted in one pass over the
    documents with grouping sets: each document contributes one row per theme, city or
    region it has (a shorter list is padded with nulls), and its language, type and year once.
    """
    if plan.sort == "relevance":
        assert plan.parsed is not None
        in_titles, titles_params = _in_titles(plan.parsed)
    else:
        in_titles, titles_params = "FALSE", []
    sampled = f"s.document_id %% {int(plan.step)} = 0"
    order = {"relevance": "in_titles DESC, " + _DATE_ORDER["newest"], **_DATE_ORDER}.get(plan.sort)
    window = ""
    if order and plan.wanted < RELEVANCE_WINDOW:
        window = f"""
        UNION ALL
        SELECT 'window', w.document_id::text, NULL, NULL, NULL, w.in_titles::int,
               row_number() OVER ()
          FROM (SELECT document_id, in_titles FROM m ORDER BY {order}
                 LIMIT {RELEVANCE_WINDOW}) w"""
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT s.document_id, s.year, s.published_at, {in_titles} AS in_titles,
                   {sampled} AS sampled,
                   CASE WHEN {sampled} THEN s.language END AS language,
                   CASE WHEN {sampled} THEN s.kind END AS kind,
                   CASE WHEN {sampled} THEN s.theme_ids END AS theme_ids,
                   CASE WHEN {sampled} THEN s.city_ids END AS city_ids,
                   CASE WHEN {sampled} THEN s.region_ids END AS region_ids
              FROM library_documentsearch s WHERE {where}),
        n AS (SELECT count(*) AS total FROM m),
        g AS (SELECT t, c, r, l, k, y, count(*) AS n
                FROM (SELECT unnest(theme_ids) AS t, unnest(city_ids) AS c,
                             unnest(region_ids) AS r, unnest(ARRAY[language]) AS l,
                             unnest(ARRAY[kind]) AS k, unnest(ARRAY[year]) AS y
                        FROM m WHERE sampled) z
               GROUP BY GROUPING SETS ((t), (c), (r), (l), (k), (y)))
        SELECT 'total', NULL, NULL, NULL, NULL, total, NULL::bigint FROM n
        UNION ALL
        SELECT 'theme', t.slug, t.name_en, t.name_fr, t.name_ar, g.n, NULL
          FROM g JOIN hub_theme t ON t.id = g.t
        UNION ALL
        SELECT 'city', c.slug, c.name_en, c.name_fr, c.name_ar, g.n, NULL
          FROM g JOIN hub_city c ON c.id = g.c
        UNION ALL
        SELECT 'region', r.slug, r.name_en, r.name_fr, r.name_ar, g.n, NULL
          FROM g JOIN hub_region r ON r.id = g.r
        UNION ALL
        SELECT 'language', g.l, NULL, NULL, NULL, g.n, NULL FROM g WHERE g.l IS NOT NULL
        UNION ALL
        SELECT 'kind', g.k, NULL, NULL, NULL, g.n, NULL FROM g WHERE g.k IS NOT NULL
        UNION ALL
        SELECT 'year', g.y::text, NULL, NULL, NULL, g.n, NULL FROM g WHERE g.y IS NOT NULL
        {window}
    """
    cursor.execute(sql, [*titles_params, *where_params])
    rows = cursor.fetchall()
    total = 0
    window: list[tuple[int, int, bool]] = []
    language = _reader_language()
    labels = {
        "language": dict(DOCUMENT_LANGUAGES),
        "kind": dict(Document.Kind.choices),
    }
    counted: list[tuple[str, str, str, int]] = []
    for facet, key, name_en, name_fr, name_ar, count, position in rows:
        if facet == "total":
            total = count
        elif facet == "window":
            window.append((position, int(key), bool(count)))
        else:
            if facet in labels:
                label = str(labels[facet].get(key, key))
            elif facet == "year":
                label = key
            else:
                names = {"en": name_en, "fr": name_fr, "ar": name_ar}
                label = names.get(language) or name_en or key
            counted.append((facet, key, label, count))
    # Every document has a language: their counts add up to the documents counted.
    counted_documents = sum(count for facet, _, _, count in counted if facet == "language")
    is_sample = plan.step > 1
    scale = total / counted_documents if is_sample and counted_documents else 1
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for facet, key, label, count in counted:
        estimate = min(total, max(1, round(count * scale)))
        facets[facet].append(FacetValue(key, label, estimate, key in params.selected(facet)))
    for facet, values in facets.items():
        if facet == "year":
            values.sort(key=lambda v: v.key, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold()))
    window.sort()
    return _Matches(
        total=total,
        facets=facets,
        sampled=is_sample,
        window=[(pk, titled) for _position, pk, titled in window],
    )


def _page(
    cursor: Any,
    where: str,
    where_params: list[Any],
    plan: _Plan,
    matches: _Matches,
    offset: int,
) -> list[int]:
    """The ids of one page, from what the matches query returned where it can."""
    ordered: list[int] = []
    if plan.sort == "relevance" and matches.window:
        # Documents whose title matches come first, newest first; the first RELEVANCE_WINDOW
        # are then ordered by the rank of their titles and summary. Ranking reads each
        # document's vector, so it is paid for a window, not for every match.
        assert plan.parsed is not None
        titled = [pk for pk, in_titles in matches.window if in_titles]
        ranks = _ranks(cursor, plan.parsed, titled) if titled else {}
        position = {pk: n for n, (pk, _titled) in enumerate(matches.window)}
        ordered = sorted(
            position, key=lambda pk: (pk not in ranks, -ranks.get(pk, 0.0), position[pk])
        )
    else:
        ordered = [pk for pk, _titled in matches.window]
    ids = ordered[offset : offset + PAGE_SIZE]
    end = min(offset + PAGE_SIZE, matches.total)
    if len(ids) < end - offset:
        # Past the window (or without one, for titles): the plain order, from where it ends.
        start = offset + len(ids)
        join, order, order_params = _plain_order(plan)
        cursor.execute(
            f"SELECT s.document_id FROM library_documentsearch s {join} WHERE {where} "
            f"ORDER BY {order} LIMIT {end - start} OFFSET {start}",
            [*where_params, *order_params],
        )
        ids += [row[0] for row in cursor.fetchall()]
    return ids


def _ranks(cursor: Any, parsed: _Query, ids: list[int]) -> dict[int, float]:
    """The rank of the titles and summary of each of `ids`."""
    texts = parsed.texts
    rank = "greatest(" + ", ".join("ts_rank(meta, %s::tsquery)" for _ in texts) + ")"
    # The vector is read once per row (the concatenation detoasts it), not once per use.
    cursor.execute(
        f"SELECT document_id, coalesce({rank}, 0) FROM (SELECT document_id, "
        "meta || ''::tsvector AS meta FROM library_documentsearch "
        "WHERE document_id = ANY(%s) OFFSET 0) s",
        [*texts, ids],
    )
    return dict(cursor.fetchall())


def _plain_order(plan: _Plan) -> tuple[str, str, list[str]]:
    """(join, ORDER BY, its parameters) of the order without a window, over search row `s`."""
    if plan.sort == "title":
        language = _reader_language()
        title = f"coalesce(nullif(d.title_{language}, ''), d.title_en, d.title_fr, d.title_ar)"
        join = "JOIN library_document d ON d.id = s.document_id"
        return join, f"lower({title}) ASC, s.document_id ASC", []
    dates = _DATE_ORDER["oldest" if plan.sort == "oldest" else "newest"]
    if plan.sort == "relevance":
        assert plan.parsed is not None
        in_titles, titles_params = _in_titles(plan.parsed)
        return "", f"{in_titles} DESC, {dates}", titles_params
    return "", dates, []


def _positive_words(node: _Node) -> list[str]:
    if node.op == "lex":
        return [node.text]
    if node.op == "!":
        return []
    return [word for child in node.children for word in _positive_words(child)]


def _highlights(cursor: Any, page_ids: list[int], parsed: _Query) -> dict[int, SafeString]:
    """A snippet per document of the page, from its best matching chunk, over a bounded excerpt.

    The excerpt (EXCERPT_CHARS) starts a little before the first query word of the chunk: the
    chunk's vector gives that word's position (its rank among the words), and the share of the
    chunk's spaces before it gives the character offset, closely enough for an excerpt this size.
    ts_headline then reads only the excerpt, for the rows of the page only.
    """
    if not page_ids:
        return {}
    queries: dict[str, tuple[str, str, list[str]]] = {}
    for config, text in parsed.parsed.items():
        node = _parse_tsquery(text) if text else None
        words = sorted(set(_positive_words(node))) if node else []
        if words:
            queries[config] = (text, " | ".join(words), _lexemes(words))
    if not queries:
        return {}

    def per_chunk(cast: str) -> str:
        return (
            "CASE c.config "
            + " ".join(f"WHEN '{config}' THEN %s::{cast}" for config in queries)
            + " END"
        )

    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, "
        'FragmentDelimiter=" … "'
    )
    # The chunk that matches the whole query best; a document whose words are spread over
    # several chunks is highlighted where any of them is.
    cursor.execute(
        f"""
        SELECT b.document_id,
               ts_headline(b.config::regconfig,
                           substr(b.text, greatest(1, (length(b.text)::bigint * (b.first - 1)
                                  / greatest(1, b.words_in_text))::int - {EXCERPT_LEAD}),
                                  {EXCERPT_CHARS}),
                           b.words, %s)
          FROM (SELECT b.*,
                       length(b.text) - length(replace(b.text, ' ', '')) + 1 AS words_in_text,
                       coalesce((SELECT min(p) FROM unnest(ts_filter(
                                    setweight(b.vector, 'A', b.lexemes), '{{a}}')) u,
                                  unnest(u.positions) p), 1) AS first
                  FROM (SELECT DISTINCT ON (c.document_id) c.document_id, c.config, c.text,
                               c.vector, q.words, q.lexemes
                          FROM library_documentchunk c,
                               LATERAL (SELECT {per_chunk("tsquery")} AS query,
                                               {per_chunk("tsquery")} AS words,
                                               {per_chunk("text[]")} AS lexemes) q
                         WHERE c.document_id = ANY(%s) AND c.config = ANY(%s)
                           AND c.vector @@ q.words
                         ORDER BY c.document_id, (c.vector @@ q.query) DESC,
                                  (c.kind = 'body') DESC, ts_rank(c.vector, q.words) DESC
                       ) b
                OFFSET 0) b
        """,
        [
            options,
            *[full for full, _, _ in queries.values()],
            *[words for _, words, _ in queries.values()],
            *[lexemes for _, _, lexemes in queries.values()],
            page_ids,
            list(queries),
        ],
    )
    return {doc_id: mark_highlights(headline) for doc_id, headline in cursor.fetchall()}


_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def _lexemes(words: list[str]) -> list[str]:
    """The lexemes of tsquery operands such as `'word'` or `'it''s':*`."""
    return [m.group(1).replace("''", "'") for w in words if (m := _LEXEME.match(w))]


def mark_highlights(headline: str) -> SafeString:
    """Escape the excerpt, then turn the sentinels into <mark>: the text can never inject HTML."""
    escaped = html.escape(headline)
    return mark_safe(  # noqa: S308  (escaped above; only our own tags are added)
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def _page_documents(cursor: Any, page_ids: list[int]) -> list[Document]:
    """The documents of the page in its order, each with `listed_cities` (names, in order)."""
    by_id = Document.objects.in_bulk(page_ids)
    documents = [by_id[pk] for pk in page_ids if pk in by_id]
    if not documents:
        return documents
    language = _reader_language()
    cursor.execute(
        f"SELECT dc.document_id, coalesce(nullif(c.name_{language}, ''), c.name_en) AS name "
        "FROM library_document_cities dc JOIN hub_city c ON c.id = dc.city_id "
        "WHERE dc.document_id = ANY(%s) ORDER BY c.name_en",
        [page_ids],
    )
    cities: dict[int, list[str]] = {}
    for document_id, name in cursor.fetchall():
        cities.setdefault(document_id, []).append(name)
    for document in documents:
        document.listed_cities = cities.get(document.pk, [])
    return documents


def _languages(
    cursor: Any, visible: str, visible_params: list[Any], documents: list[Document]
) -> dict[Any, list[str]]:
    """For each work on the page, the languages it is available in (visible versions only)."""
    works = list({d.work for d in documents})
    if not works:
        return {}
    cursor.execute(
        "SELECT DISTINCT d.work, d.language FROM library_document d "
        "JOIN library_documentsearch s ON s.document_id = d.id "
        f"WHERE d.work = ANY(%s) AND {visible} ORDER BY d.language",
        [works, *visible_params],
    )
    available: dict[Any, list[str]] = {}
    for work, language in cursor.fetchall():
        available.setdefault(work, []).append(language)
    return available


__all__ = [
    "PAGE_SIZE",
    "SearchParams",
    "SearchResult",
    "arabic_normalise",
    "config_for",
    "document_chunks",
    "search",
]
