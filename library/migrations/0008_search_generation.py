"""Any write to the library's search rows bumps their generation (hub.search.sql)."""

from django.db import migrations

from hub.search.sql import generation_trigger

_create, _drop = generation_trigger("library_documentsearch")


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0004_search_generations"),
        ("library", "0007_document_themes_newest"),
    ]

    operations = [migrations.RunSQL(_create, _drop)]
