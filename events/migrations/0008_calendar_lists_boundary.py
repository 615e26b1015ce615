"""When each event is over (its end, or its start when it has none), indexed: the calendar
lists' keys hold the next such moment (events.calendar_cache.list_cache_key), read by one
index probe."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0007_time_and_place_revision")]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                django.db.models.functions.comparison.Coalesce("ends_at", "starts_at"),
                name="event_over_at",
            ),
        ),
    ]
