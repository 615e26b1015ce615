"""The generation "cities like this one" are cached under (cityprofiles.similar): bumped in the
same transaction as any write that changes what the comparison reads of a city -- its themes and
network on its search row (which the triggers of 0002 write again with any write to its profile,
challenges, practices and their themes), its profile's population band and working languages,
its country -- and, through the taxonomy's triggers (hub 0004), any write to the cities, regions
and themes (their names). A practice's text, a profile's overview or contact policy, changes
nothing of it: the similar cities of every city stay kept."""

from django.db import migrations

from hub.generations import BUMP_ON_CHANGE, generation_triggers

_create, _drop = generation_triggers(
    "cityprofiles_similar",
    ["cityprofiles_citysearch", "cityprofiles_cityprofile", "hub_country"],
    updates_ignoring={
        # What the comparison does not read of a city's search row: its words and counts (the
        # city's name comes from hub_city, a taxonomy table).
        "cityprofiles_citysearch": [
            "name_en",
            "steering",
            "evidence",
            "target_groups",
            "languages",
            "practice_count",
            "titles",
            "meta",
            "lex_en",
            "lex_fr",
            "lex_ar",
            "lex_simple",
        ],
        # Nor of a profile: its texts, their source language, its contact policy and its dates.
        "cityprofiles_cityprofile": [
            "overview",
            "overview_en",
            "overview_fr",
            "overview_ar",
            "approach",
            "approach_en",
            "approach_fr",
            "approach_ar",
            "contact_note",
            "contact_note_en",
            "contact_note_fr",
            "contact_note_ar",
            "source_language",
            "contact_policy",
            "provenance",
            "published_at",
            "created_at",
            "local_action_plan_id",
        ],
    },
)


class Migration(migrations.Migration):
    dependencies = [
        ("cityprofiles", "0003_rank_columns"),
        ("hub", "0008_taxonomy_generation"),
    ]

    operations = [
        # Guarded (OR REPLACE), and left on the way back: another app's generation may use it.
        migrations.RunSQL(BUMP_ON_CHANGE, migrations.RunSQL.noop),
        migrations.RunSQL(_create, _drop),
    ]
