"""Names in the reader's alphabetical order: cities, countries, regions and themes in forms,
filters, facets and pickers.

The database's own collation is C (code-point order), in which "Égypte" comes after "Zambie"
and أ, إ and ا are three different letters. Postgres's ICU collations sort the way each
language's readers expect; the name compared is the one the reader sees (the active
language's column, with modeltranslation's fallback to the other languages when it is empty).

    City.objects.with_place().in_name_order()          # a QuerySet method of the taxonomy
    queryset.order_by(in_reader_order("country__region__name"), in_reader_order())
    sorted_by_name(queryset_or_objects)                # a QuerySet stays lazy; a list is sorted

Build the ordering per request (in a form's __init__, a filter's queryset callable, a selector),
never at import time: it reads the active language when it is built.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, overload

from django.conf import settings
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils import translation

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from django.db.models import Model

T = TypeVar("T")
M = TypeVar("M", bound="Model")

# ICU collations shipped with Postgres (pg_collation, provider "i"); a language without its
# own falls back to the root collation, which still sorts accents and Arabic letter forms.
COLLATIONS = {"en": "en-x-icu", "fr": "fr-x-icu", "ar": "ar-x-icu"}
ROOT_COLLATION = "und-x-icu"


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _fallbacks(language: str) -> list[str]:
    # modeltranslation's order: the language itself, then the configured fallbacks.
    configured: Any = getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", None) or ()
    if isinstance(configured, dict):
        configured = configured.get(language, configured.get("default", ()))
    return [language, *(str(code) for code in configured or () if code != language)]


def in_reader_order(field: str = "name", *, language: str | None = None) -> Collate:
    """An ORDER BY expression: the translated `field` as the reader sees it, in their alphabet.

    `field` is a modeltranslation field, or a path to one ("country__region__name"). The value
    ordered by is the one displayed: the active language's column, or the one modeltranslation
    falls back to when it is empty. `.desc()` reverses it.
    """
    code = _language(language)
    columns = [NullIf(F(f"{field}_{lang}"), Value("")) for lang in _fallbacks(code)]
    shown = Coalesce(*columns) if len(columns) > 1 else columns[0]
    return Collate(shown, COLLATIONS.get(code, ROOT_COLLATION))


def name_sort_key(text: object) -> tuple[str, str]:
    """A Python sort key close to the ICU order, for names already fetched: accents and the
    hamza/madda of alef do not count first (É sorts with E, أ/إ/آ with ا), case does not
    count, and ties are broken by the exact text so the order is stable."""
    return _name_sort_key(str(text))


@lru_cache(maxsize=16384)
def _name_sort_key(value: str) -> tuple[str, str]:
    # The same few thousand names (cities, themes, regions, kinds) are sorted on every page.
    decomposed = unicodedata.normalize("NFKD", value)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Tatweel is decoration, not a letter.
    return (base.replace("\u0640", "").casefold(), value)


@overload
def sorted_by_name(  # type: ignore[overload-overlap]  # a QuerySet is iterable too
    items: QuerySet[M], *, key: None = None, language: str | None = None
) -> QuerySet[M]: ...
@overload
def sorted_by_name(
    items: Iterable[T], *, key: Callable[[T], object] | None = None, language: str | None = None
) -> list[T]: ...
def sorted_by_name(
    items: QuerySet[Any] | Iterable[Any],
    *,
    key: Callable[[Any], object] | None = None,
    language: str | None = None,
) -> QuerySet[Any] | list[Any]:
    """`items` in the reader's alphabetical order of their names.

    A QuerySet of a model with translated `name_<lang>` columns is ordered in the database
    (ICU collation) and stays lazy; anything else (a list of rows, of choices, of strings) is
    sorted in Python by `key(item)` (default: `str(item)`), with `name_sort_key`.
    """
    if isinstance(items, QuerySet):
        return items.order_by(in_reader_order(language=language))
    pick = key or str
    return sorted(items, key=lambda item: name_sort_key(pick(item)))
