"""The month grid's cache: what it is kept under, and the generation the database keeps for it.

The rendered grid and filters of a month (events.views.calendar) are kept under the
generation ``events_calendar``, which the triggers of migration events 0005 bump in the same
transaction as any write to the events (all but the confirmed count, which the registrations'
trigger keeps and the grid does not show), their regions, themes and cities, and the
invitations; the taxonomy's triggers bump it on any write to the cities, regions and themes
(their names in every language). Nothing of a registration is drawn in the grid.

A key holds everything the fragments depend on: the generation; who the reader is to the
calendar — staff (who see every event), or a member with the exact set of restricted events
their city or they themselves are invited to see (two members with the same set see the same
events, whatever their city); the language, the time zone and today's date (the grid marks
today); the month; the filters. Readers never share an entry unless they may see exactly the
same events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

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


def month_cache_key(
    *, user: User, year: int, month: int, filters: CalendarFilters, path: str
) -> str | None:
    """The key the month's grid and filters are kept under for `user` at `path` (the page's,
    which the filters' form and links name), or None when they are
    not to be kept (the cache off, inside a larger transaction, a reader who sees nothing, a
    generation not there). One query: the generation, with the restricted events `user` may
    see (none for staff)."""
    seconds = settings.HUB_EVENTS_CALENDAR_CACHE_SECONDS
    alias = router.db_for_read(Event)
    if seconds <= 0 or not cache_usable(alias):
        return None
    reader, restricted = Event.objects.visibility_class(user)
    if reader == "nobody":
        return None
    if restricted is None:
        sql, params = f"SELECT {generation_sql(GENERATION)}, NULL", ()  # noqa: S608
    else:
        ids_sql, params = restricted.order_by("pk").values("pk").query.sql_with_params()
        sql = f"SELECT {generation_sql(GENERATION)}, ARRAY({ids_sql})"  # noqa: S608
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        generation, ids = cursor.fetchone()
    if generation is None:
        return None
    return fragment_key(
        "events.month",
        [
            VERSION,
            generation,
            reader,
            ids,
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            year,
            month,
            path,
            filters.query(),
            list(filters.labels),
        ],
    )


__all__ = ["GENERATION", "VERSION", "month_cache_key"]
