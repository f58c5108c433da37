"""A faster search: the GIN index alone finds one language's matches.

PostgreSQL only, like 0002 (SQLite has no full-text search), except that the
locale's own index is dropped on every database (see SearchEntry.locale).

- The GIN index covers (locale, search_vector), with btree_gin: the index
  alone finds the entries of one language that match, instead of every
  language's matches checked one by one against the locale afterwards.
- fastupdate is off: with it, new entries wait in a pending list that every
  search reads in full (344 pages for each query after loading the 1,000-page
  benchmark, against 7 without). Entries are written when a page is
  published, rarely; they are read on every search.
- search_vector is stored MAIN: kept in the row (compressed if need be)
  rather than moved out to the TOAST table, which ranking then had to read
  back for each match. When a row is too long, the text (read only for the
  ten results shown) is compressed or moved out first instead. This applies
  to entries written from now on: `rebuild_search_entries` rewrites older
  ones.

`btree_gin`, like `unaccent`, is a trusted extension from PostgreSQL 13: the
database owner may create it.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_INDEX = "search_entry_vector_gin"
INDEX = "search_entry_locale_vector_gin"


def speed_up(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry "
        "USING gin (locale_id, search_vector) WITH (fastupdate = off)"
    )
    schema_editor.execute(
        "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STORAGE MAIN"
    )


def slow_down(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STORAGE EXTENDED"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} "
        "ON search_searchentry USING gin (search_vector)"
    )
    # btree_gin stays, as unaccent does in 0002: something else may use it.


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgresql_text_search"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="locale",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.RunPython(speed_up, slow_down),
    ]
