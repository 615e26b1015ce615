"""The newest documents of a theme in one backward index walk (selectors.document_related)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("library", "0006_document_extraction_task_id")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX library_document_themes_newest "
            "ON library_document_themes (theme_id, document_id DESC)",
            "DROP INDEX library_document_themes_newest",
        )
    ]
