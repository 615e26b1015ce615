"""Named generations kept by the database, and what is cached under them.

A generation is a number in ``hub_search_generation`` (hub 0004; the search engine's row
tables have one each) that a statement-level trigger bumps in the same transaction as any
write to the tables it follows, whatever makes the write (a form, the admin, a queryset
update(), an import, psql). What is cached under a generation is then never older than the
committed rows: a write makes every older entry unreachable at once, and the entries expire
by themselves.

``generation_triggers`` gives the SQL a migration runs for a generation of several tables;
``generation_sql`` the statement that reads it, as part of a query the page makes anyway;
``cache_usable`` whether a read may use the cache at all (not inside a larger transaction,
which may yet roll back and leave its number to another one), and ``kept_fragments`` the
rendered fragments of a page under a key.

What is kept rendered also depends on the code that renders it: ``release()`` is a digest of
the project's code, templates, compiled translations and static files' manifest, part of every
key ``fragment_key`` makes, so a deploy that changes any of them never serves a fragment the
old code rendered. What is kept as data (rows' values, not HTML) is kept under ``data_key``
instead: the shape of the models the values are of (their columns) stands in for the release,
so a deploy that leaves those models alone finds it, and one that changes them does not.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from django.db.models import Model
    from django.db.models.expressions import RawSQL

# The generation `TG_ARGV[0]`, bumped by an UPDATE only when a row changed in a column other
# than those that follow (`TG_ARGV[1:]`): a count another trigger keeps on the row, say,
# changes nothing its readers show, and bumping for it would also take the generation's row
# lock in every transaction that writes the count. The trigger names the statement's
# transition tables old_rows and new_rows (generation_triggers). Guarded (OR REPLACE): the
# migration of each app whose generation needs it runs it, in whichever order they come.
BUMP_ON_CHANGE: Final = """
CREATE OR REPLACE FUNCTION hub_search_generation_bump_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    left_out text[] := TG_ARGV[1:];
BEGIN
    IF EXISTS (
        SELECT to_jsonb(n) - left_out FROM new_rows n
        EXCEPT ALL
        SELECT to_jsonb(o) - left_out FROM old_rows o
    ) THEN
        INSERT INTO hub_search_generation AS g (rows_table, n) VALUES (TG_ARGV[0], 1)
        ON CONFLICT (rows_table) DO UPDATE SET n = g.n + 1;
    END IF;
    RETURN NULL;
END;
$$;
"""


def _literal(text: str) -> str:
    if not text.replace("_", "").isalnum():
        raise ValueError(f"not a table, column or generation name: {text!r}")
    return f"'{text}'"


def generation_triggers(
    generation: str, tables: Sequence[str], *, updates_ignoring: Mapping[str, Sequence[str]]
) -> tuple[str, str]:
    """(create, drop) SQL of the generation `generation` and of the triggers that bump it on
    any write to `tables`; for a table in `updates_ignoring`, an UPDATE bumps it only when a
    row changed in a column other than those named. The generation's row is created with it:
    the taxonomy's triggers (hub.search.sql.taxonomy_triggers) bump every existing row."""
    # Every name below is checked by _literal: letters, digits and underscores only.
    name = _literal(generation)
    create = (
        f"INSERT INTO hub_search_generation (rows_table, n) VALUES ({name}, 1) "  # noqa: S608
        "ON CONFLICT (rows_table) DO NOTHING;\n"
    )
    drop = ""
    for table in tables:
        _literal(table)
        trigger = f"{table}_{generation}"
        if table in updates_ignoring:
            left_out = ", ".join(_literal(column) for column in updates_ignoring[table])
            create += (
                f"CREATE TRIGGER {trigger} AFTER INSERT OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION hub_search_generation_bump({name});\n"
                f"CREATE TRIGGER {trigger}_update AFTER UPDATE ON {table} "
                "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION hub_search_generation_bump_on_change({name}, {left_out});\n"
            )
            drop += f"DROP TRIGGER IF EXISTS {trigger}_update ON {table};\n"
        else:
            create += (
                f"CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION hub_search_generation_bump({name});\n"
            )
        drop += f"DROP TRIGGER IF EXISTS {trigger} ON {table};\n"
    drop += f"DELETE FROM hub_search_generation WHERE rows_table = {name};\n"  # noqa: S608
    return create, drop


# The taxonomy's generation (hub/migrations/0008): bumped by its triggers alone, with every other
# generation, on any write to the themes, cities and regions.
TAXONOMY_GENERATION: Final = "hub_taxonomy"


def generation_sql(generation: str) -> str:
    """An expression of the generation `generation`, NULL while it has no row (then nothing is
    to be cached under it)."""
    return f"(SELECT n FROM hub_search_generation WHERE rows_table = {_literal(generation)})"  # noqa: S608


def generation_expression(generation: str) -> RawSQL:
    """The generation `generation` (0 while it has no row), as a column of another query: what
    is kept under it then costs no query of its own."""
    from django.db.models.expressions import RawSQL

    # A constant statement (generation_sql checks the name): nothing of the request in it.
    return RawSQL(f"coalesce({generation_sql(generation)}, 0)", ())  # noqa: S611


def cache_usable(alias: str) -> bool:
    """Whether a read on the database `alias` may use what is cached under a generation: not
    inside a larger transaction, which may have bumped a generation it may yet roll back (and
    leave its number to another transaction's rows)."""
    return not connections[alias].in_atomic_block


# What renders a kept fragment, under the project's top folders: its code and templates, and
# the compiled translations (the static files' manifest is added from STATIC_ROOT).
_RELEASE_SUFFIXES: Final = frozenset({".py", ".html", ".txt", ".mo"})
_NOT_RELEASE: Final = frozenset(
    {"bench", "media", "node_modules", "staticfiles", "test-artifacts", "tests"}
)


@functools.cache
def release() -> str:
    """A digest of what renders the fragments kept under generations (computed once a process,
    from the files' contents, so every process of one deploy agrees)."""
    root = Path(settings.BASE_DIR)
    files = [
        path
        for top in root.iterdir()
        if top.is_dir() and not top.name.startswith(".") and top.name not in _NOT_RELEASE
        for path in top.rglob("*")
        if path.suffix in _RELEASE_SUFFIXES and path.is_file()
    ]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def fragment_key(namespace: str, parts: Sequence[Any]) -> str:
    """A cache key of `namespace` for everything in `parts` (JSON, dates as text) and the
    code's release, hashed."""
    payload = json.dumps([release(), *parts], default=str, separators=(",", ":"))
    return f"{namespace}:{hashlib.sha256(payload.encode()).hexdigest()}"


@functools.cache
def model_shape(*models: type[Model]) -> str:
    """A digest of the columns of `models` (their concrete fields' names, in order): the same
    until a change to one of them, which is what rows' values kept under it are read back by
    (Model.from_db)."""
    names = [f"{m._meta.label}:{','.join(model_columns(m))}" for m in models]
    return hashlib.sha256(";".join(names).encode()).hexdigest()[:16]


def model_columns(model: type[Model]) -> list[str]:
    """The names of `model`'s columns (its concrete fields' attnames), in order: what its rows'
    values are kept as (instance_values) and read back by (instances_from_values)."""
    return [f.attname for f in model._meta.concrete_fields]


def instance_values(instance: Model) -> list[Any]:
    """The values of `instance`'s columns as they were read (model_columns' order): for a
    translated field, its own column, not the reader's language modeltranslation shows."""
    return [instance.__dict__[name] for name in model_columns(type(instance))]


_M = TypeVar("_M", bound="Model")


def instances_from_values(model: type[_M], rows: Iterable[Sequence[Any]]) -> list[_M]:
    """Instances of `model` from its rows' kept values (model_columns' order), made as the ORM
    makes them from a query's rows (Model.from_db)."""
    alias, columns = router.db_for_read(model), model_columns(model)
    return [model.from_db(alias, columns, row) for row in rows]


def data_key(namespace: str, parts: Sequence[Any], models: Sequence[type[Model]]) -> str:
    """A cache key of `namespace` for everything in `parts` (JSON, dates as text) and the shape
    of `models` (model_shape), hashed: for rows' values, which do not depend on the code's
    release as rendered fragments do."""
    payload = json.dumps([model_shape(*models), *parts], default=str, separators=(",", ":"))
    return f"{namespace}:{hashlib.sha256(payload.encode()).hexdigest()}"


def kept_fragments(
    key: str | None, seconds: int, render: Callable[[], Mapping[str, str]]
) -> dict[str, SafeString]:
    """The HTML fragments `render()` gives (by name), from the cache under `key` when they were
    rendered for it before, else rendered and kept `seconds`; always rendered when `key` is
    None or `seconds` is not positive."""
    found = cache.get(key) if key and seconds > 0 else None
    if not isinstance(found, dict):
        found = dict(render())
        if key and seconds > 0:
            cache.set(key, found, seconds)
    # Rendered by templates, escaped there.
    return {name: mark_safe(html) for name, html in found.items()}  # noqa: S308


__all__ = [
    "BUMP_ON_CHANGE",
    "cache_usable",
    "data_key",
    "fragment_key",
    "generation_sql",
    "generation_triggers",
    "instance_values",
    "instances_from_values",
    "kept_fragments",
    "model_columns",
    "model_shape",
    "release",
]
