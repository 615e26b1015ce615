"""What lists of documents show and their search rows do not hold also bumps the generation.

The generation of the library's search rows (0008) keys what is kept of the library's lists:
the search engine's matches, and the documents about a city as its page lists them
(library.selectors.document_list_about_city_key). Those lists also show each document's
preview (its thumbnail) and the languages of the other versions of its work (`work`): columns
the search rows do not copy, so a change to them alone wrote no search row and bumped nothing.
This trigger bumps the same generation when one of them changes, without touching the rows.

The generation's row is made here too if no write made it yet (documents loaded before 0008):
a rename in the taxonomy bumps only the rows that exist.
"""

from django.db import migrations

SHOWN_COLUMNS = ("preview", "preview_width", "preview_height", "work")

_changed = "\n    OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in SHOWN_COLUMNS)

FORWARD = f"""
INSERT INTO hub_search_generation (rows_table, n) VALUES ('library_documentsearch', 1)
ON CONFLICT (rows_table) DO NOTHING;
CREATE TRIGGER library_document_shown_generation
AFTER UPDATE ON library_document
FOR EACH ROW WHEN (
    {_changed}
) EXECUTE FUNCTION hub_search_generation_bump('library_documentsearch');
"""  # noqa: S608  (made of constants)

BACKWARD = "DROP TRIGGER IF EXISTS library_document_shown_generation ON library_document;"


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0012_document_newest"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
