"""Training's part of the permission matrix (tests/kit/matrix.py), gathered from its areas.

Each area keeps its entries in ``tests/training/matrix_<area>.py``: ``objects(personas)``
(a dict; keys prefixed by the area), ``ENTRIES``, ``BUDGETS`` and ``DATA``.
"""

from __future__ import annotations

import importlib
import importlib.util

from tests.kit.matrix import AppMatrix

AREAS = ("learning", "toolkits", "reports", "certificates")
_parts = [
    importlib.import_module(f"tests.training.matrix_{area}")
    for area in AREAS
    if importlib.util.find_spec(f"tests.training.matrix_{area}")
]


def _objects(personas):
    objects = {}
    for part in _parts:
        objects.update(part.objects(personas))
    return objects


MATRIX = AppMatrix(
    app="training",
    objects=_objects,
    entries={key: value for part in _parts for key, value in part.ENTRIES.items()},
    data={key: value for part in _parts for key, value in getattr(part, "DATA", {}).items()},
    budgets={key: value for part in _parts for key, value in part.BUDGETS.items()},
)
