"""Facets on the shared taxonomy, for any source whose rows hold arrays of taxonomy ids."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hub.search.source import Facet


def _table(model_name: str) -> str:
    from django.apps import apps

    return str(apps.get_model("hub", model_name)._meta.db_table)


def theme_facet(column: str = "theme_ids") -> Facet:
    return Facet("theme", _("Themes"), column, many=True, table=_table("Theme"))


def city_facet(column: str = "city_ids") -> Facet:
    return Facet("city", _("Cities"), column, many=True, table=_table("City"))


def region_facet(column: str = "region_ids") -> Facet:
    return Facet("region", _("Regions"), column, many=True, table=_table("Region"))


def year_facet(column: str = "year") -> Facet:
    return Facet("year", _("Years"), column, integers=(1900, 2100), newest_first=True)
