"""Proof, for any search source, that search returns exactly what the access rule allows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from hub import search as engine

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet

    from hub.search import SearchSource


def found(
    source: SearchSource, user: Any, data: QueryDict | None = None, *, page_size: int = 150
) -> set[int]:
    """Every id a search of `source` gives `user`, over all its pages of `page_size`.

    Also checks that pages never repeat a result and that they add up to the total.
    """
    data = (data or QueryDict()).copy()
    ids: list[int] = []
    page = 1
    while True:
        data["page"] = str(page)
        params = engine.SearchParams.from_querydict(data, source)
        result = engine.search(source, user=user, params=params, page_size=page_size)
        ids.extend(item.pk for item in result.items)
        if page >= result.page_count:
            break
        page += 1
    assert len(ids) == len(set(ids)) == result.total, (len(ids), len(set(ids)), result.total)
    return set(ids)


def readers(*, city_a: Any, city_b: Any, city_c: Any, **more: Any) -> dict[str, Any]:
    """The kinds of reader every access proof covers; `more` adds an app's own (contributors,
    organisers ...) by name."""
    from tests.hub.factories import UserFactory

    return {
        "anonymous": AnonymousUser(),
        "suspended": UserFactory(city=city_a, suspended=True),
        "member of A": UserFactory(city=city_a),
        "member of B": UserFactory(city=city_b),
        "member of C": UserFactory(city=city_c),
        "focal point of A": UserFactory(city=city_a, focal_point=True),
        "staff": UserFactory(staff=True),
        "translator (no city)": UserFactory(translator=True),
        "superuser": UserFactory(is_superuser=True, city=None, roles=[]),
        **more,
    }


def assert_search_is_the_access_rule(
    source: SearchSource,
    *,
    readers: dict[str, Any],
    allowed: Callable[[Any], QuerySet[Any]],
    queries: tuple[QueryDict, ...] = (),
) -> dict[str, set[int]]:
    """For every reader, search gives exactly the ids of `allowed(reader)`: without words, and
    for each of `queries`, which every object of the test's world matches (a word all of them
    hold, a facet value all of them have).

    `allowed` is the model's access rule as the rest of the site applies it (for example
    ``lambda user: Document.objects.visible_to(user).published()``). Returns what each reader
    may see, so the caller can check the world was rich enough to tell the readers apart.
    """
    seen = {}
    for name, reader in readers.items():
        expected = set(allowed(reader).values_list("pk", flat=True))
        for data in (QueryDict(), *queries):
            got = found(source, reader, data)
            assert got == expected, (name, data.urlencode(), sorted(got ^ expected))
        if source.visible_shared is not None:  # the form the cached searches use
            shared = _rows_where(source, source.visible_shared, reader)
            assert shared == expected, (name, "visible_shared", sorted(shared ^ expected))
        seen[name] = expected
    return seen


def _rows_where(source: SearchSource, condition: Callable[..., Any], reader: Any) -> set[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        sql, params = condition(cursor, reader)
        query = f"SELECT s.{source.key} FROM {source.rows} s WHERE {sql}"  # noqa: S608
        cursor.execute(query, params)
        return {row[0] for row in cursor.fetchall()}
