"""The newest documents about a city read from two indexes alone (selectors.
document_list_about_city, the city page's documents).

For a city with a few hundred documents the planner takes all of the city's links and the
newest of their documents: the links' rows and then each document's were read from the tables
(about 700 heap visits for the median city, 3.9 ms). With the links indexed by city and document,
and each document's visibility and publication date beside its id, both are index-only scans
(1.4 ms). A city with thousands of documents still walks library_document_newest.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("library", "0013_ctp_shown_columns_generation")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX library_document_cities_by_city "
            "ON library_document_cities (city_id, document_id)",
            "DROP INDEX library_document_cities_by_city",
        ),
        migrations.RunSQL(
            "CREATE INDEX library_document_visible_by_id ON library_document (id) "
            "INCLUDE (published_at, status, visibility, contributing_city_id, contributed_by_id)",
            "DROP INDEX library_document_visible_by_id",
        ),
    ]
