"""What a results page shows around a search result: chips, page links, suggestions, counts.

Every app's search page renders the same parts (templates/hub/partials/_search_*.html and
_pagination.html) from
:func:`page_context`; links are built from the parsed parameters, never copied from the raw
request, so a tampered URL cannot smuggle anything into them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.http import QueryDict
from django.views.generic import TemplateView

if TYPE_CHECKING:
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
    (the page's `sorts`, say)."""

    source: SearchSource

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from hub.http import authenticated_user
        from hub.search.engine import search
        from hub.search.params import SearchParams

        params = SearchParams.from_querydict(self.request.GET, self.source)
        result = search(self.source, user=authenticated_user(self.request), params=params)
        return (
            super().get_context_data(**kwargs)
            | page_context(result, params)
            | {"params": params, "result": result}
            | self.page_extra(result, params)
        )

    def page_extra(self, result: SearchResult, params: SearchParams) -> dict[str, Any]:
        """What the page shows beyond the search's parts."""
        return {}
