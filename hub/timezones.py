"""Time zones: the check of a zone name, shared by events (their own zone) and members (the
reader's zone, in which pages also show an event's time)."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value and value not in time_zone_names():
        raise ValidationError(
            _("%(zone)s is not a time zone. Choose one from the list."),
            code="unknown_time_zone",
            params={"zone": value},
        )


# The areas of the IANA names a member picks from, as the profile's select groups them (the
# other names, "US/Eastern", "Etc/GMT+5", "EST", are old aliases of these or bare offsets).
AREAS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}


def zone_place(zone: str) -> str:
    """The place of a zone as it reads: "Buenos Aires (Argentina)" for
    America/Argentina/Buenos_Aires, "Paris" for Europe/Paris."""
    parts = [part.replace("_", " ") for part in zone.split("/")[1:]]
    if len(parts) > 1:
        return f"{parts[-1]} ({', '.join(parts[:-1])})"
    return parts[0] if parts else zone


@cache
def _pickable_zones() -> tuple[str, ...]:
    names = {name for name in time_zone_names() if name.split("/", 1)[0] in AREAS and "/" in name}
    # "America/Buenos_Aires" is the old alias of "America/Argentina/Buenos_Aires": keep one.
    nested = {
        (name.split("/")[0], name.rsplit("/", 1)[-1]) for name in names if name.count("/") > 1
    }
    return tuple(
        sorted(
            name
            for name in names
            if name.count("/") > 1 or (name.split("/")[0], name.rsplit("/", 1)[-1]) not in nested
        )
    )


def time_zone_choices(current: str = "") -> list[tuple[str, object]]:
    """The choices of the member's time zone: UTC, then one group per area (in the reader's
    alphabetical order), each zone named by its place with its offset now ("Paris, UTC+01:00"),
    places in alphabetical order. A `current` zone outside these (an old alias set before) stays
    choosable. Built per request: the names of areas are in the active language."""
    from datetime import UTC, datetime

    from hub.ordering import sorted_by_name

    now = datetime.now(UTC)
    grouped: dict[str, list[tuple[str, str]]] = {}
    zones = list(_pickable_zones())
    if current and current not in zones and current != "UTC" and current in time_zone_names():
        zones.append(current)
    for name in zones:
        area = name.split("/", 1)[0]
        offset = now.astimezone(zoneinfo.ZoneInfo(name)).strftime("%z")
        label = _("%(place)s, UTC%(offset)s") % {
            "place": zone_place(name),
            "offset": f"{offset[:3]}:{offset[3:]}",
        }
        grouped.setdefault(str(AREAS.get(area, _("Other"))), []).append((name, str(label)))
    groups: list[tuple[str, object]] = [("UTC", "UTC")]
    for area in sorted_by_name(grouped):
        groups.append((area, sorted_by_name(grouped[area], key=lambda choice: choice[1])))
    return groups
