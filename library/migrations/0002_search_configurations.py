"""One text-search configuration per language, used by the search engine for indexing and
queries. They now belong to hub (hub.search.sql, migration hub 0002); this migration runs the
same guarded statements, so a new database gets them whichever of the two runs first.
"""

from django.db import migrations

from hub.search.sql import CONFIGURATIONS


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("library", "0001_initial"),
    ]

    operations = [migrations.RunSQL(CONFIGURATIONS, migrations.RunSQL.noop)]
