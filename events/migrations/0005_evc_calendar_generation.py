"""The generation the month grid is cached under (events.calendar_cache): bumped in the same
transaction as any write to the events (but for the confirmed count alone, which the
registrations' trigger keeps), their regions, themes and cities, and the invitations; the
taxonomy's triggers (hub 0004) bump it on any write to the cities, regions and themes."""

from django.db import migrations

from hub.generations import BUMP_ON_CHANGE, generation_triggers

_create, _drop = generation_triggers(
    "events_calendar",
    [
        "events_event",
        "events_event_regions",
        "events_event_themes",
        "events_eventcity",
        "events_invitation",
    ],
    updates_ignoring={"events_event": ["confirmed_count", "updated_at"]},
)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_regions_and_translated_place"),
        ("hub", "0004_search_generations"),
    ]

    operations = [
        # Guarded (OR REPLACE), and left on the way back: another app's generation may use it.
        migrations.RunSQL(BUMP_ON_CHANGE, migrations.RunSQL.noop),
        migrations.RunSQL(_create, _drop),
    ]
