"""What a search asks for, parsed leniently from the URL: what cannot be understood is dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hub.search.text import clean_query

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hub.search.source import SearchSource

MAX_PAGE = 100_000
MAX_VALUES = 20  # values of one facet taken from the URL


@dataclass(frozen=True)
class SearchParams:
    """The words, the chosen facet values (by facet name), the sort ("" = the source's) and page."""

    query: str = ""
    filters: Mapping[str, tuple[str | int, ...]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1

    def selected(self, facet: str) -> set[str]:
        return {str(value) for value in self.filters.get(facet, ())}

    @classmethod
    def from_querydict(cls, data: Any, source: SearchSource) -> SearchParams:
        """Parse request.GET (a QueryDict) for `source`; never raises."""
        filters: dict[str, tuple[str | int, ...]] = {}
        for facet in source.facets:
            values: list[str | int] = []
            for raw in data.getlist(facet.name)[:MAX_VALUES]:
                value = facet.parse(raw) if isinstance(raw, str) else None
                if value is not None and value not in values:
                    values.append(value)
            if values:
                filters[facet.name] = tuple(values)
        sort = data.get("sort", "")
        if sort not in {s.key for s in source.sorts}:
            sort = ""
        try:
            page = max(1, min(int(data.get("page", "1")), MAX_PAGE))
        except (TypeError, ValueError):
            page = 1
        return cls(query=clean_query(data.get("q", "")), filters=filters, sort=sort, page=page)
