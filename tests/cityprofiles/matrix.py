"""City profiles' part of the permission matrix (tests/kit/matrix.py), gathered from its areas:
``tests/cityprofiles/matrix_<area>.py``."""

from __future__ import annotations

from tests.kit.matrix import gathered

MATRIX = gathered("cityprofiles", ("directory", "city", "editing", "introductions"))
