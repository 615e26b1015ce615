"""What a results page shows around a search result: chips, page links, suggestions, counts.

Every app's search page renders the same parts (templates/hub/partials/_search_*.html and
_pagination.html) from
:func:`page_context`; links are built from the parsed parameters, never copied from the raw
request, so a tampered URL cannot smuggle anything into them.

A page may render the part its search fills (the form, the chosen filters, the facets, the
results and their pages) apart, without the request (``SearchPageView.part_template``), and
keep it rendered (``part_cached``) under the source's generation: see
:meth:`SearchPageView.part_key`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, router
from django.http import QueryDict
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

if TYPE_CHECKING:
    from hub.models import User
    from hub.search.engine import SearchResult
    from hub.search.params import SearchParams
    from hub.search.source import SearchSource


@dataclass(frozen=True)
class Chip:
    """A chosen facet value, with the query string of the same search without it."""

    facet: str  # the facet's title
    label: str
    remove: str


def query_string(
    params: SearchParams,
    *,
    query: str | None = None,
    without: tuple[str, str] | None = None,
    page: int | None = None,
    facets: bool = True,
) -> str:
    """The URL query of `params` changed as asked (page 1 unless `page`): q, facets, sort."""
    data = QueryDict(mutable=True)
    words = params.query if query is None else query
    if words:
        data["q"] = words
    if facets:
        for name, values in params.filters.items():
            for value in values:
                if without != (name, str(value)):
                    data.appendlist(name, str(value))
    if params.sort:
        data["sort"] = params.sort
    if page and page > 1:
        data["page"] = str(page)
    return data.urlencode()


def page_context(result: SearchResult, params: SearchParams) -> dict[str, Any]:
    """The parts of a results page: see the module's docstring."""
    # A paginator over the numbers of the results: nothing is read, only pages counted.
    page_obj = Paginator(range(result.total), result.page_size).get_page(result.page)
    chips = [
        Chip(str(facet.title), value.label, query_string(params, without=(facet.name, value.key)))
        for facet, values in result.facet_groups
        for value in values
        if value.selected
    ]
    return {
        "chips": chips,
        "clear_all": query_string(params, facets=False),
        "active_filters": len(chips),
        # For hub/partials/_pagination.html, as a paginated list gives it.
        "page_obj": page_obj,
        "page_numbers": page_obj.paginator.get_elided_page_range(page_obj.number),
        "base_query": query_string(params),
        "here": query_string(params, page=result.page),
        "suggestions": [(words, query_string(params, query=words)) for words in result.suggestions],
        "without_words": query_string(params, query="") if params.query else None,
    }


class SearchPageView(TemplateView):
    """A results page of `source` (templates/hub/partials/_search_page.html): the search of
    request.GET for the reader, page_context, `params`, `result`, and what `page_extra` adds
    (the page's `sorts`, say).

    With `part_template`, the part the search fills is that template, rendered apart with
    those values and without the request (nothing of the reader reaches it but the language
    and what the source's visibility SQL says of them), and the page's own template gets
    `params` and that part as `search_html`. With `part_cached` too, the part is kept
    rendered (HUB_SEARCH_CACHE_SECONDS) under :meth:`part_key`: only for a source whose rows'
    generation is bumped by every write to what the part shows (its rows, the tables they are
    derived from, the taxonomy whose names it shows)."""

    source: SearchSource
    part_template: str | None = None
    part_cached: bool = False
    #: of the part's templates: a new version never reads a part rendered by older ones
    part_version: int = 1

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from hub.http import authenticated_user
        from hub.search.params import SearchParams

        params = SearchParams.from_querydict(self.request.GET, self.source)
        user = authenticated_user(self.request)
        context = super().get_context_data(**kwargs) | {"params": params}
        if self.part_template is None:
            return context | self._search_context(user, params)
        key = self.part_key(user, params) if self.part_cached else None
        html = cache.get(key) if key else None
        if html is None:
            values = self._search_context(user, params)
            html = get_template(self.part_template).render(values | {"params": params})
            # A page without results may offer other words, from a vocabulary that changes
            # apart from the rows (hub.search.words): never kept.
            if key and values["result"].total:
                cache.set(key, html, settings.HUB_SEARCH_CACHE_SECONDS)
        # Rendered by the part's templates, escaped there.
        return context | {"search_html": mark_safe(html)}  # noqa: S308

    def _search_context(self, user: User, params: SearchParams) -> dict[str, Any]:
        from hub.search.engine import search

        result = search(self.source, user=user, params=params)
        return page_context(result, params) | {"result": result} | self.page_extra(result, params)

    def part_key(self, user: User, params: SearchParams) -> str | None:
        """The cache key of the part for `user` and `params`, or None when it is not kept.

        The part is a function of the source's rows (their generation, read here before any
        of them: a part kept under it is never older), the reader's language, what the
        source's visibility SQL is for the reader (readers who may see different objects
        never share a part; the source's `visible_shared` where it has one, so that readers
        who see the same share it), and the parsed parameters (the words, the chosen values
        in their order, the sort, the page), with the code that renders it (its release,
        hub.generations.release): nothing else of the request reaches it. Inside a
        larger transaction (which may yet roll back, and reuse the generation it bumped),
        never (one query otherwise: the generation)."""
        from hub.generations import release
        from hub.search.engine import generation

        alias = router.db_for_read(self.source.model)
        if settings.HUB_SEARCH_CACHE_SECONDS <= 0 or connections[alias].in_atomic_block:
            return None
        with connections[alias].cursor() as cursor:
            rows = generation(cursor, self.source)
            if self.source.visible_shared is not None:
                visible = self.source.visible_shared(cursor, user)
            else:
                visible = self.source.visible(user)
        payload = json.dumps(
            [
                _PART_VERSION,
                release(),
                self.part_version,
                self.source.name,
                self.part_template,
                rows,
                translation.get_language() or "",
                visible,
                params.query,
                [[name, [str(v) for v in values]] for name, values in params.filters.items()],
                params.sort,
                params.page,
            ],
            default=str,
        )
        return "hub.search.part:" + hashlib.sha256(payload.encode()).hexdigest()

    def page_extra(self, result: SearchResult, params: SearchParams) -> dict[str, Any]:
        """What the page shows beyond the search's parts."""
        return {}


_PART_VERSION = 1  # of what part_key covers
