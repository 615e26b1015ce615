"""Training's figure on the city page (hub.city_facts): how many modules the city's learners
have completed, one query.

`register()` is to be called once, from the app's ready().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import ngettext

from hub.city_facts import register_city_fact
from training.reports import completed_count_for_city

if TYPE_CHECKING:
    from hub.models import City

KEY = "training-completions"
ORDER = 20


def _label(count: int) -> str:
    return ngettext(
        "%(count)s training module completed by members of this city",
        "%(count)s training modules completed by members of this city",
        count,
    ) % {"count": count}


def _count(city: City) -> int:
    return completed_count_for_city(city.pk)


def register() -> None:
    # Module functions, not lambdas: registering again (ready() may run more than once)
    # registers the same fact.
    register_city_fact(KEY, order=ORDER, count=_count, label=_label)
