"""Training's figure on the city page (hub.city_facts): how many modules the city's learners
have completed, one query.

`register()` is to be called once, from the app's ready().
"""

from __future__ import annotations

from django.utils.translation import ngettext

from hub.city_facts import register_city_fact
from training.reports import completed_count_for_city

KEY = "training-completions"
ORDER = 20


def _label(count: int) -> str:
    return ngettext(
        "%(count)s training module completed by members of this city",
        "%(count)s training modules completed by members of this city",
        count,
    ) % {"count": count}


def register() -> None:
    register_city_fact(
        KEY, order=ORDER, count=lambda city: completed_count_for_city(city.pk), label=_label
    )
