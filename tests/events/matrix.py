"""Events' part of the permission matrix (tests/kit/matrix.py), gathered from its areas:
``tests/events/matrix_<area>.py``."""

from __future__ import annotations

from tests.kit.matrix import gathered

MATRIX = gathered("events", ("event", "calendar", "staff"))
