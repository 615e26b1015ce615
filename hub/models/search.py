"""The columns every search row table has (see hub.search.source): the engine reads them."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchRow(models.Model):
    """One narrow row per searched object, kept by the database (triggers), never by Python.

    `lex_*` hold the object's words in each text-search configuration
    (hub.search.text.LEX_COLUMNS), `titles` the words of its titles, so title matches come
    first, and `meta` its titles and summaries with positions, for the rank. Each table adds
    the columns its facets, sorts and visibility read, and GIN-indexes these under its own
    names.
    """

    titles = SearchVectorField(null=True)
    meta = SearchVectorField(null=True)
    lex_en = SearchVectorField(null=True)
    lex_fr = SearchVectorField(null=True)
    lex_ar = SearchVectorField(null=True)
    lex_simple = SearchVectorField(null=True)

    class Meta:
        abstract = True
