"""The generations of search-row tables, which key the search engine's cache (hub.search.sql)."""

from django.db import migrations

from hub.search.sql import DROP_GENERATIONS, GENERATIONS, taxonomy_triggers

_taxonomy_create, _taxonomy_drop = taxonomy_triggers()


class Migration(migrations.Migration):
    dependencies = [("hub", "0003_audit_any_object")]

    operations = [
        migrations.RunSQL(GENERATIONS, DROP_GENERATIONS),
        migrations.RunSQL(_taxonomy_create, _taxonomy_drop),
    ]
