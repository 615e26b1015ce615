"""The taxonomy's own generation: a row of hub_search_generation that nothing but the taxonomy's
triggers bump (hub.search.sql.taxonomy_triggers bump every row on any write to the themes,
cities and regions). What is kept under a narrower key than a whole app's generation (the city
page's sections, under its city's search row) adds it to follow the names it shows."""

from django.db import migrations

from hub.generations import TAXONOMY_GENERATION, generation_triggers

_create, _drop = generation_triggers(TAXONOMY_GENERATION, (), updates_ignoring={})


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0007_user_time_zone"),
    ]

    operations = [migrations.RunSQL(_create, _drop)]
