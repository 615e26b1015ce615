"""The city page's challenges and practices (cityprofiles.selectors.city_page): read with their
themes, or their values kept across a deploy (_rows_key), and joined on every request with what
the reader may see of their evaluations and persons to ask."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import router
from django.db.models import OuterRef

from cityprofiles.models import Challenge, CityProfile, Practice
from hub.generations import cache_usable, data_key, instances_from_values, model_columns
from hub.models import Theme
from hub.ordering import sorted_by_name

from .selectors_rows import ChallengeRow, PracticeRow

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import City, User
    from library.models import Document

_R = TypeVar("_R", Challenge, Practice)


def _theme_ids(model: type[Challenge] | type[Practice]) -> ArraySubquery:
    through = model.themes.through
    owner = f"{model._meta.model_name}_id"
    return ArraySubquery(
        through.objects.filter(**{owner: OuterRef("pk")}).order_by("theme_id").values("theme_id")
    )


# Of what the city's challenges and practices are kept as (their rows' values, _rows_key): a new
# shape of what is kept never reads an old entry.
_ROWS_VERSION = 1


def _rows_key(city: City, *, practices_seen: bool) -> str | None:
    """The key the city's challenges, practices and their themes are kept under as values
    (HUB_CITY_PAGE_CACHE_SECONDS), or None when they are not to be kept. The same as what the
    sections made of them are kept under (cityprofiles.views.city._sections_key: the version of
    the city's search row, which the triggers write again with any write to them, and the
    taxonomy's generation), but with the models' columns instead of the code's release: a
    deploy renders the sections again from the values it finds, without reading the rows."""
    version = getattr(city, "sections_version", None)
    taxonomy = getattr(city, "taxonomy_generation", None)
    if version is None or taxonomy is None or settings.HUB_CITY_PAGE_CACHE_SECONDS <= 0:
        return None
    # Inside a larger transaction (which may yet roll back) the rows are read, not kept.
    if not cache_usable(router.db_for_read(CityProfile)):
        return None
    return data_key(
        "cityprofiles.city_rows",
        [_ROWS_VERSION, city.pk, version, taxonomy, practices_seen],
        [Challenge, Practice, Theme],
    )


def _rows_values(*, user: User | AnonymousUser, profile: CityProfile) -> dict[str, list[Any]]:
    """The values of the profile's challenges and practices (each with its themes' ids last)
    and of their themes. Three queries."""
    challenges = list(
        Challenge.objects.filter(profile=profile)
        .annotate(theme_ids=_theme_ids(Challenge))
        .values_list(*model_columns(Challenge), "theme_ids")
    )
    practices = list(
        Practice.objects.visible_to(user)
        .filter(profile=profile)
        .annotate(theme_ids=_theme_ids(Practice))
        .values_list(*model_columns(Practice), "theme_ids")
    )
    wanted = {pk for row in [*challenges, *practices] for pk in row[-1] or []}
    themes = (
        list(Theme.objects.filter(pk__in=wanted).values_list(*model_columns(Theme)))
        if wanted
        else []
    )
    return {"challenges": challenges, "practices": practices, "themes": themes}


def _with_theme_ids(model: type[_R], rows: list[Any]) -> list[_R]:
    """Instances of `model` from its rows' values, each with `theme_ids` from its last value."""
    found = instances_from_values(model, (row[:-1] for row in rows))
    for instance, row in zip(found, rows, strict=True):
        instance.theme_ids = row[-1]  # type: ignore[attr-defined]
    return found


def content_rows(
    *,
    user: User | AnonymousUser,
    city: City,
    profile: CityProfile,
    visible: dict[int, Document],
    members: dict[int, User],
) -> tuple[list[ChallengeRow], list[PracticeRow]]:
    """The profile's challenges and practices as its page shows them (with their themes, the
    evaluations among `visible`, the persons to ask among `members`): from the values kept
    under _rows_key, else three queries."""
    seen = not Practice.objects.visible_to(user).query.is_empty()
    key = _rows_key(city, practices_seen=seen)
    values = cache.get(key) if key else None
    if not isinstance(values, dict):
        values = _rows_values(user=user, profile=profile)
        if key:
            cache.set(key, values, settings.HUB_CITY_PAGE_CACHE_SECONDS)
    challenges = _with_theme_ids(Challenge, values["challenges"])
    practices = _with_theme_ids(Practice, values["practices"])
    by_id = {t.pk: t for t in instances_from_values(Theme, values["themes"])}

    def themes_of(row: Challenge | Practice) -> list[Theme]:
        found = [by_id[pk] for pk in getattr(row, "theme_ids", None) or [] if pk in by_id]
        return sorted_by_name(found, key=lambda theme: theme.name)

    def contact_of(practice: Practice) -> User | None:
        # The person to ask is one of the city's active members (read with them), or nobody.
        return members.get(practice.contact_id) if practice.contact_id else None

    return (
        [ChallengeRow(c, themes_of(c)) for c in challenges],
        [
            PracticeRow(
                practice=practice,
                themes=themes_of(practice),
                evaluation=visible.get(practice.evaluation_id or 0),
                contact=contact_of(practice),
            )
            for practice in practices
        ],
    )


__all__ = ["content_rows"]
