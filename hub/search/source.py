"""What an app declares to be searched by the shared engine: a search source.

A source is one kind of object (documents, city profiles, modules, events) with a **row table**
the engine reads: one narrow row per object, kept equal to the object by the database (triggers)
or by the app's one write path. The row table has

- ``key``: the object's primary key (the row's primary key too);
- ``lex_en``, ``lex_fr``, ``lex_ar``, ``lex_simple`` (tsvector, GIN-indexed): the object's words
  in each configuration of :data:`hub.search.text.LEX_COLUMNS`; positions may be stripped when
  a chunk table holds them;
- ``titles`` (tsvector, GIN-indexed): the words of its titles, so title matches come first;
- ``meta`` (tsvector with positions): its titles and summaries, for the rank;
- the columns its facets, sorts and visibility SQL read.

A **chunk table**, if any, holds the object's text in pieces (``config``, ``kind`` "meta" or
"body", ``text``, ``vector``), for phrases and highlights. Sources register from their
``AppConfig.ready()`` (:func:`register`), so pages that gather many kinds of things can ask every
source for its top hits without ``hub`` importing any app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model
    from django.utils.functional import Promise

    from hub.models import User
    from hub.search.matching import ParsedQuery
    from hub.search.params import SearchParams

    Label = str | Promise


@dataclass(frozen=True)
class Facet:
    """A facet: counted on the results, chosen in the URL as ``?<name>=<value>``.

    `table` (for a column of ids): a table with ``id``, ``slug`` and ``name_en/fr/ar``; the URL
    carries the slug (or the table's column `table_key`, e.g. a country's ``iso_code``).
    `choices`: the labels of a coded column, read per request (translated); with `many`, the
    column is an array of codes (``text[]``).
    `integers`: the values are integers in this range (years). `newest_first`: values are listed
    by value, descending, rather than by count.
    """

    name: str
    title: Label
    column: str
    many: bool = False
    table: str | None = None
    choices: Callable[[], Mapping[str, Label]] | None = None
    integers: tuple[int, int] | None = None
    newest_first: bool = False
    table_key: str = "slug"

    def __post_init__(self) -> None:
        if self.many and self.table is None and self.choices is None:
            raise ValueError(f"facet {self.name}: a column of ids needs its table")

    def parse(self, raw: str) -> str | int | None:
        """One value from the URL, or None when it cannot be one (never an error)."""
        value = raw.strip()[:100]
        if not value or not value.isprintable():  # a NUL byte cannot even reach the database
            return None
        if self.integers is not None:
            low, high = self.integers
            return int(value) if value.isdigit() and low <= int(value) <= high else None
        return value


@dataclass(frozen=True)
class Sort:
    """An order of the results.

    `order`: ORDER BY over the row table's columns, unqualified, ending with the key so the
    order is total; `columns`: the row columns it reads. `relevance`: title matches first, then
    `order`, and the first results ranked by their titles and summaries. `by_language`: for an
    order that needs the reader's language (a title): returns (JOIN, ORDER BY) over row ``s``.

    `rank`: the source's own rank of the first results (the window, in `order`): given a
    :class:`RankContext`, a score per id, highest first (ids without one come last, in
    `order`). Such a sort applies to a search with words, or with a value chosen in one of
    `rank_facets` (a theme, say); otherwise the source's order without words is used.
    """

    key: str
    label: Label
    order: str = ""
    columns: tuple[str, ...] = ()
    relevance: bool = False
    by_language: Callable[[str], tuple[str, str]] | None = None
    rank: Callable[[RankContext], Mapping[int, float]] | None = None
    rank_facets: tuple[str, ...] = ()

    def applies(self, *, has_words: bool, params: SearchParams) -> bool:
        """Whether this order means something for a search (relevance needs words)."""
        if self.relevance:
            return has_words
        if self.rank is not None:
            return has_words or any(params.filters.get(name) for name in self.rank_facets)
        return True


@dataclass(frozen=True)
class Chunks:
    """The chunk table of a source: `table`, and its column holding the object's key.

    `snippet_kinds`: the kinds of chunk the engine cuts result snippets from (all by default),
    for a source that shows some of its text apart (the directory lists matching practices).
    """

    table: str
    key: str
    snippet_kinds: tuple[str, ...] | None = None


@dataclass
class SearchNotes:
    """What a sort's `rank` learnt about the window, kept for the same search's page: the ids
    whose match the source shows itself (the engine cuts no snippet for them), and whatever
    the source's `load` can reuse (`data`), so the page does not read it again."""

    shown_apart: set[int] = field(default_factory=set)
    data: dict[str, Any] = field(default_factory=dict)
    #: the search runs in a transaction of its own, not inside a larger one that may yet roll
    #: back: what a source caches under its rows' generation may be read and filled
    cacheable: bool = False


@dataclass(frozen=True)
class PageContext:
    """What a source's `load` gets: the ids of the page in order, and how to read more; the
    query's parse (None without words) and the search's parameters, for what the page shows
    about why each result matched."""

    cursor: Any
    ids: list[int]
    visible_sql: str
    visible_params: list[Any]
    language: str
    parsed: ParsedQuery | None = None
    params: SearchParams | None = None
    notes: SearchNotes = field(default_factory=SearchNotes)


@dataclass(frozen=True)
class RankContext:
    """What a sort's `rank` gets: the ids to score (the window), the query's parse (None
    without words) and the search's parameters."""

    cursor: Any
    ids: list[int]
    parsed: ParsedQuery | None
    params: SearchParams
    notes: SearchNotes = field(default_factory=SearchNotes)


@dataclass(frozen=True)
class SearchSource:
    """One kind of object the engine searches; see the module's docstring for the tables.

    `visible(user)` is the SQL twin of the model's ``visible_to(user)`` over row ``s``: a
    condition and its parameters (tests prove both give the same objects). `load(context)`
    returns the page's objects in the order of ``context.ids``, with what the page shows.

    `visible_shared(cursor, user)`, when given, is the same condition written the same way for
    every reader who may see the same objects (for instance without a "contributed by this
    user" arm that matches nothing for them): readers sharing it share cached matches.
    """

    name: str
    label: Label
    model: type[Model]
    rows: str
    key: str
    visible: Callable[[User | AnonymousUser], tuple[str, list[Any]]]
    load: Callable[[PageContext], list[Any]]
    sorts: tuple[Sort, ...]
    facets: tuple[Facet, ...] = ()
    chunks: Chunks | None = None
    #: the sort of a search with words, and of one without (relevance needs words)
    default_sort: str = "relevance"
    default_sort_without_words: str = "newest"
    page_size: int = 20
    visible_shared: Callable[[Any, User | AnonymousUser], tuple[str, list[Any]]] | None = None
    facet_index: dict[str, Facet] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facet_index", {f.name: f for f in self.facets})
        keys = {s.key for s in self.sorts}
        if not {self.default_sort, self.default_sort_without_words} <= keys:
            raise ValueError(f"source {self.name}: its default sorts must be among its sorts")

    def sort(self, key: str) -> Sort:
        return next(s for s in self.sorts if s.key == key)


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    """Make `source` known to pages that search every kind of object (idempotent)."""
    _sources[source.name] = source


def registered() -> list[SearchSource]:
    """Every registered source, in the order they registered."""
    return list(_sources.values())


def get(name: str) -> SearchSource:
    """The registered source called `name`. Raises KeyError."""
    return _sources[name]
