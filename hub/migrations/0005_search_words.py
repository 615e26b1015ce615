"""The indexed words, for "did you mean" (hub.search.words, hub.search.sql.WORDS)."""

from django.db import migrations

from hub.search.sql import DROP_WORDS, WORDS


class Migration(migrations.Migration):
    dependencies = [("hub", "0004_search_generations")]

    operations = [migrations.RunSQL(WORDS, DROP_WORDS)]
