"""The calendar's cache: what the month grid and the lists are kept under, and the generation the
database keeps for them.

The rendered grid and filters of a month, and the rendered filters and results of a page of
the upcoming or the past events (events.views.calendar), are kept under the
generation ``events_calendar``, which the triggers of migration events 0005 bump in the same
transaction as any write to the events (all but the confirmed count, which the registrations'
trigger keeps and the grid does not show), their regions, themes and cities, and the
invitations; the taxonomy's triggers bump it on any write to the cities, regions and themes
(their names in every language). Nothing of a registration is drawn in the grid or the lists.

A key holds everything the fragments depend on: the generation; who the reader is to the
calendar — staff (who see every event), or a member with the exact set of restricted events
their city or they themselves are invited to see (two members with the same set see the same
events, whatever their city); the language, the time zone and today's date (the grid marks
today); the month; the filters. Readers never share an entry unless they may see exactly the
same events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from django.conf import settings
from django.db import connections, router
from django.utils import timezone, translation

from events.models import Event
from hub.generations import cache_usable, fragment_key, generation_sql

if TYPE_CHECKING:
    from events.selectors_calendar import CalendarFilters
    from hub.models import User

# The generation's name; its triggers are migration events 0005's.
GENERATION: Final = "events_calendar"
# Of the templates of the kept fragments and of what a key holds.
VERSION: Final = 1


# The next moment an event is over (where events.models.not_over turns false): the lists'
# boundary (index event_over_at, events 0008).
_NEXT_OVER = (
    "(SELECT min(coalesce(ends_at, starts_at)) FROM events_event"
    " WHERE coalesce(ends_at, starts_at) >= %s)"
)
# Pages past this are not kept (nor asked for by a person: 20 events a page).
MAX_KEPT_PAGE: Final = 500


def _key(
    *,
    user: User,
    name: str,
    parts: list[object],
    filters: CalendarFilters,
    path: str,
    until_next_over: bool,
) -> str | None:
    seconds = settings.HUB_EVENTS_CALENDAR_CACHE_SECONDS
    alias = router.db_for_read(Event)
    if seconds <= 0 or not cache_usable(alias):
        return None
    reader, restricted = Event.objects.visibility_class(user)
    if reader == "nobody":
        return None
    boundary = _NEXT_OVER if until_next_over else "NULL"
    boundary_params: tuple[Any, ...] = (timezone.now(),) if until_next_over else ()
    if restricted is None:
        sql = f"SELECT {generation_sql(GENERATION)}, NULL, {boundary}"  # noqa: S608
        params: tuple[Any, ...] = boundary_params
    else:
        ids_sql, ids_params = restricted.order_by("pk").values("pk").query.sql_with_params()
        sql = f"SELECT {generation_sql(GENERATION)}, ARRAY({ids_sql}), {boundary}"  # noqa: S608
        params = (*ids_params, *boundary_params)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        generation, ids, next_over = cursor.fetchone()
    if generation is None:
        return None
    return fragment_key(
        name,
        [
            VERSION,
            generation,
            reader,
            ids,
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            next_over.isoformat() if next_over is not None else None,
            *parts,
            path,
            filters.query(),
            list(filters.labels),
        ],
    )


def month_cache_key(
    *, user: User, year: int, month: int, filters: CalendarFilters, path: str
) -> str | None:
    """The key the month's grid and filters are kept under for `user` at `path` (the page's,
    which the filters' form and links name), or None when they are
    not to be kept (the cache off, inside a larger transaction, a reader who sees nothing, a
    generation not there). One query: the generation, with the restricted events `user` may
    see (none for staff)."""
    return _key(
        user=user,
        name="events.month",
        parts=[year, month],
        filters=filters,
        path=path,
        until_next_over=False,
    )


def list_cache_key(
    *, user: User, past: bool, page: int, filters: CalendarFilters, path: str
) -> str | None:
    """The key page `page` of the upcoming (or `past`) events, with the filters, is kept under
    for `user` at `path`; None as for `month_cache_key`, and for a page past MAX_KEPT_PAGE.
    One query: the generation, the restricted events `user` may see, and the next moment an
    event is over."""
    if page > MAX_KEPT_PAGE:
        return None
    return _key(
        user=user,
        name="events.list",
        parts=["past" if past else "upcoming", page],
        filters=filters,
        path=path,
        until_next_over=True,
    )


__all__ = ["GENERATION", "MAX_KEPT_PAGE", "VERSION", "list_cache_key", "month_cache_key"]
