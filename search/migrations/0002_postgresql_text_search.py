"""PostgreSQL only: unaccent, the french_unaccent configuration and the GIN index.

On SQLite (the development default) there is no full-text search: every step
here does nothing there, and the search falls back to `icontains`.

`unaccent` is a trusted extension (PostgreSQL 13 and later): the database owner
can create it without being a superuser.
"""

from django.db import migrations

INDEX_NAME = "search_entry_vector_gin"


def create_text_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        # CREATE TEXT SEARCH CONFIGURATION has no IF NOT EXISTS, and the
        # configuration may already be there (created by hand, or kept by a
        # database restored from a dump).
        cursor.execute(
            "SELECT 1 FROM pg_ts_config "
            "WHERE cfgname = 'french_unaccent' AND pg_ts_config_is_visible(oid)"
        )
        exists = cursor.fetchone() is not None
    if not exists:
        schema_editor.execute(
            "CREATE TEXT SEARCH CONFIGURATION french_unaccent ( COPY = french )"
        )
        # Accents go before stemming, in the document and in the query alike:
        # “donnees”, “données” and “DONNÉES” all become the same word.
        schema_editor.execute(
            "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
        )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} "
        "ON search_searchentry USING gin (search_vector)"
    )


def drop_text_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    # The unaccent extension stays: something else may use it.
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_text_search, drop_text_search)]
