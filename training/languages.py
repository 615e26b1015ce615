"""The languages a module is complete in.

A module is offered in a language when its own title and summary, and every text of every one of
its lessons (the lesson's title, text and transcript; a quiz's questions and answers with their
feedback; a scenario's steps and choices), are written in that language. A text counts as
missing in a language when it is written in some language but not in that one; a text empty in
every language (a reading has no transcript) is missing nowhere.

It is worked out from the ``_en``/``_fr``/``_ar`` columns in one query for any number of
modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from training.models import Choice, Lesson, Module, Option, Question, Quiz, Scenario, Step

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import Model


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


@dataclass(frozen=True)
class ModuleLanguages:
    """Which of the hub's languages a module is complete in, and which it misses."""

    complete: tuple[str, ...]
    missing: tuple[str, ...]

    def is_complete_in(self, language: str) -> bool:
        return language in self.complete

    def names(self) -> list[tuple[str, str, bool]]:
        """(code, name in its own language, complete) of each hub language, in the hub's order."""
        names = dict(settings.LANGUAGES)
        return [(code, str(names.get(code, code)), code in self.complete) for code in languages()]


def _column(model: type[Model], field: str, language: str) -> str:
    return str(model._meta.get_field(build_localized_fieldname(field, language)).column)  # type: ignore[union-attr]


def _conditions(model: type[Model], alias: str) -> list[str]:
    """For each language, the SQL condition that every translated text of a row is there."""
    fields = translator.get_options_for_model(model).fields  # type: ignore[attr-defined]
    out = []
    for language in languages():
        parts = []
        for field in fields:
            cols = [f"coalesce({alias}.{_column(model, field, lang)}, '')" for lang in languages()]
            own = f"coalesce({alias}.{_column(model, field, language)}, '')"
            parts.append(f"({own} <> '' OR concat({', '.join(cols)}) = '')")
        out.append(" AND ".join(parts) or "true")
    return out


@cache
def _sql() -> str:
    m, le = Module._meta.db_table, Lesson._meta.db_table
    qz, qu, op = Quiz._meta.db_table, Question._meta.db_table, Option._meta.db_table
    sc, st, ch = Scenario._meta.db_table, Step._meta.db_table, Choice._meta.db_table

    def select(model: type[Model], alias: str, module_id: str, joins: str) -> str:
        flags = ", ".join(
            f"({c}) AS ok_{lang}"
            for c, lang in zip(_conditions(model, alias), languages(), strict=True)
        )
        # Only table and column names of the models are put in; the ids are a parameter.
        return (
            f"SELECT {module_id} AS module_id, {flags} FROM {joins} "  # noqa: S608
            f"WHERE {module_id} = ANY(%(ids)s)"
        )

    parts = [
        select(Module, "m", "m.id", f"{m} m"),
        select(Lesson, "l", "l.module_id", f"{le} l"),
        select(
            Question,
            "q",
            "l.module_id",
            f"{qu} q JOIN {qz} z ON z.id = q.quiz_id JOIN {le} l ON l.id = z.lesson_id",
        ),
        select(
            Option,
            "o",
            "l.module_id",
            f"{op} o JOIN {qu} q ON q.id = o.question_id JOIN {qz} z ON z.id = q.quiz_id "
            f"JOIN {le} l ON l.id = z.lesson_id",
        ),
        select(
            Step,
            "s",
            "l.module_id",
            f"{st} s JOIN {sc} c ON c.id = s.scenario_id JOIN {le} l ON l.id = c.lesson_id",
        ),
        select(
            Choice,
            "h",
            "l.module_id",
            f"{ch} h JOIN {st} s ON s.id = h.step_id JOIN {sc} c ON c.id = s.scenario_id "
            f"JOIN {le} l ON l.id = c.lesson_id",
        ),
    ]
    flags = ", ".join(f"bool_and(ok_{lang})" for lang in languages())
    union = " UNION ALL ".join(parts)
    return f"SELECT module_id, {flags} FROM ({union}) t GROUP BY module_id"  # noqa: S608


def module_languages(module_ids: Iterable[int]) -> dict[int, ModuleLanguages]:
    """The languages each module of `module_ids` is complete in. One query (none without ids)."""
    ids = sorted(set(module_ids))
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_sql(), {"ids": ids})
        rows = cursor.fetchall()
    found = {}
    for module_id, *flags in rows:
        complete = tuple(lang for lang, ok in zip(languages(), flags, strict=True) if ok)
        missing = tuple(lang for lang in languages() if lang not in complete)
        found[module_id] = ModuleLanguages(complete=complete, missing=missing)
    return found


def complete_languages(module: Module) -> ModuleLanguages:
    return module_languages([module.pk])[module.pk]
