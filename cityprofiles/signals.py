"""What city profiles connect at start-up: search source, home panels, pending counters.

Each area adds its registration function here and calls it from `connect()`.
"""

from __future__ import annotations


def connect() -> None:
    """Called once from CityprofilesConfig.ready()."""


connect()
