"""Querysets compiled once a process and run again with another value.

Building the SQL of a queryset with a dozen subqueries and related tables (the city page's
city: cityprofiles.selectors) costs about as much as running it, and every request builds the
same statement again with only a slug changed. ``CompiledLookup`` compiles it once (per
database and language: translated fields may compile differently in each), remembers which of
its parameters is the value looked up, and at each read runs that statement with the value
given, making the instances as the ORM's own iterable does (``Model.from_db``, the
select_related populators, the annotations, the fields' converters). Only the statement is
kept, never a row: every read asks the database.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # the ORM's own, unstubbed
from django.utils import translation

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet
    from django.db.models.sql.compiler import SQLCompiler

_M = TypeVar("_M", bound=Model)


class _Marker(str):
    """A value no lookup ever has, to find among the compiled statement's parameters."""

    __slots__ = ()


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple[Any, ...]
    at: int  # the index of the looked-up value among `params`
    compiler: SQLCompiler  # for the column layout and converters only, never to run
    init_list: list[str]
    model_slice: slice
    populators: list[Any]
    annotations: dict[str, int]


class CompiledLookup(Generic[_M]):
    """`queryset().filter(**{field: value})` for any `value`, compiled once.

    `queryset` builds the queryset (the same for every request: nothing of the request in
    it); `field` the lookup of a text field, e.g. "slug" (the statement is compiled with a
    text marker in its place). ``first(value)`` is the first instance it finds, or None.
    Instances are the ORM's, with the same related objects and annotations."""

    def __init__(self, queryset: Callable[[], QuerySet[_M]], field: str) -> None:
        self._queryset = queryset
        self._field = field
        self._statements: dict[tuple[str, str, int], _Statement] = {}
        self._lock = threading.Lock()
        self._model: type[_M] | None = None

    def _statement(self, alias: str) -> _Statement:
        # Per thread too: the compiler holds its thread's connection.
        key = (alias, translation.get_language() or "", threading.get_ident())
        found = self._statements.get(key)
        if found is None:
            marker = _Marker(f"compiled-lookup-{id(self)}")
            query = self._queryset().filter(**{self._field: marker}).query
            compiler = query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            (at,) = [i for i, value in enumerate(params) if value is marker or value == marker]
            info = compiler.klass_info
            assert info is not None
            fields = info["select_fields"]
            model_slice = slice(fields[0], fields[-1] + 1)
            found = _Statement(
                sql=sql,
                params=tuple(params),
                at=at,
                compiler=compiler,
                init_list=[f[0].target.attname for f in compiler.select[model_slice]],
                model_slice=model_slice,
                populators=get_related_populators(info, compiler.select, alias),
                annotations=dict(compiler.annotation_col_map or {}),
            )
            with self._lock:
                self._statements[key] = found
        return found

    def first(self, value: Any) -> _M | None:
        model = self._model
        if model is None:
            model = self._model = self._queryset().model
        alias = router.db_for_read(model)
        statement = self._statement(alias)
        params = list(statement.params)
        params[statement.at] = value
        with connections[alias].cursor() as cursor:
            cursor.execute(statement.sql, params)
            rows = cursor.fetchmany(1)
        for row in statement.compiler.results_iter([rows]):
            instance = model.from_db(alias, statement.init_list, row[statement.model_slice])
            for populator in statement.populators:
                populator.populate(row, instance)
            for name, position in statement.annotations.items():
                setattr(instance, name, row[position])
            return instance
        return None


__all__ = ["CompiledLookup"]
