"""The database objects of the shared search engine (hub.search): one text-search configuration
per language and the SQL Arabic fold. A source's migrations depend on this one, never on
another app's.

Databases made before the engine moved to hub already have the configurations (from library
0002): they are created only where missing, and kept as they are.
"""

from django.db import migrations

from hub.search.sql import ARABIC_FOLD, CONFIGURATIONS


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
    ]

    operations = [
        # Backwards, the configurations stay: databases older than this migration got them
        # from library 0002, whose objects still use them.
        migrations.RunSQL(CONFIGURATIONS, migrations.RunSQL.noop),
        migrations.RunSQL(ARABIC_FOLD, "DROP FUNCTION IF EXISTS hub_arabic_normalise(text);"),
    ]
