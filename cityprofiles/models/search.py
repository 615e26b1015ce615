"""What the directory's search reads: one narrow row per city and its chunks, derived by database
triggers (migrations 0002–0003), never written by Python."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from hub.models.search import SearchRow

from .profiles import CityProfile


class CitySearch(SearchRow):
    """What the directory's search reads of one city, in one narrow row: never written by Python.

    Database triggers (migration 0002) keep it, and the city's chunks, equal to the published
    profile, its challenges, network and practices and the city's place, in the same
    transaction as any write to them (the publication service, the admin, a queryset update).
    `lex_*` hold the city's words per text-search configuration (positions stripped: the chunks
    keep them); `titles` the city's names, so name matches come first; the other columns are
    what the facets count (cityprofiles.search).
    """

    profile = models.OneToOneField(
        CityProfile, on_delete=models.CASCADE, primary_key=True, related_name="search_row"
    )
    # Plain ids, not foreign keys: copies, read only by search.
    city_id = models.BigIntegerField(null=True)
    country_id = models.BigIntegerField(null=True)
    region_id = models.BigIntegerField(null=True)
    name_en = models.TextField(default="")
    steering = models.CharField(max_length=3, default="no")  # "yes" / "no": facets count text
    has_network = models.CharField(max_length=3, default="no")
    theme_ids = ArrayField(models.BigIntegerField(), default=list)
    evidence = ArrayField(models.TextField(), default=list)
    target_groups = ArrayField(models.TextField(), default=list)
    languages = ArrayField(models.TextField(), default=list)
    practice_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            GinIndex(fields=["lex_en"], name="citysearch_lex_en"),
            GinIndex(fields=["lex_fr"], name="citysearch_lex_fr"),
            GinIndex(fields=["lex_ar"], name="citysearch_lex_ar"),
            GinIndex(fields=["lex_simple"], name="citysearch_lex_simple"),
            GinIndex(fields=["titles"], name="citysearch_titles"),
        ]

    def __str__(self) -> str:
        return str(self.profile_id)


class CityChunk(models.Model):
    """One searchable piece of a city's published text, in one configuration.

    Kinds: "meta" (the city's and country's names), "body" (overview, approach, challenges,
    network), "practice" (one practice's title, summary, partners and results, with its id).
    Derived by the database (migration 0002); the text is as written, the vector folded for
    Arabic (hub.search.sql.CHUNK_VECTOR). A practice's chunks also copy what the rank by
    strength reads of it, its evidence level and position (migration 0003; '' and 0 on other
    chunks), so the rank reads the matching chunks alone (cityprofiles.search.rank.strength).
    """

    profile_id = models.BigIntegerField(db_index=True)
    practice_id = models.BigIntegerField(null=True, db_index=True)
    kind = models.CharField(max_length=8)
    config = models.CharField(max_length=12)
    text = models.TextField()
    vector = SearchVectorField(null=True)
    evidence_level = models.CharField(max_length=20, db_default="")
    position = models.PositiveSmallIntegerField(db_default=0)

    class Meta:
        indexes = [GinIndex(fields=["vector"], name="citychunk_vector_gin")]

    def __str__(self) -> str:
        return f"{self.profile_id}/{self.kind}/{self.config}/{self.practice_id or ''}"
