"""The directory's part of the city profiles matrix (tests/cityprofiles/matrix.py).

Every active account reads the directory (CityProfile.objects.visible_to); anonymous visitors
and applicants are sent to the login page. The budget is that of the page without words;
tests/cityprofiles/test_directory.py pins it with words and with another order too.
"""

from __future__ import annotations

from cityprofiles.models import CityProfile
from tests.cityprofiles.factories import PracticeFactory
from tests.hub.factories import CityFactory, ThemeFactory
from tests.kit.matrix import Budget, R, codes


def objects(personas):
    return {}


def _cities(personas, objects, n):
    """n more cities, each with a practice on a theme of its own."""
    for _ in range(n):
        city = CityFactory()
        PracticeFactory(
            profile=CityProfile.objects.get(city=city),
            summary_en="Prevention with young people.",
            themes=[ThemeFactory()],
        )


ENTRIES = {
    ("cityprofiles:directory", None, "get"): codes(R, R, 200, 200, 200, 200),
}

BUDGETS = {
    # The user; the transaction; the matches (total, facets, first results); the page's ids
    # in the reader's order; its profiles with their place and search row.
    "cityprofiles:directory": Budget(7, _cities),
}

DATA: dict[str, dict[str, str]] = {}
