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
