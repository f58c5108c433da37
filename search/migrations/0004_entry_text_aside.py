"""Entries' text kept in a table of its own (see SearchEntryText), on every database.

The texts are copied across, and back when the migration is reversed. On
PostgreSQL the entries' rows only get narrower once they are written again:
`rebuild_search_entries` rewrites them all.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_texts_aside(apps, schema_editor):
    schema_editor.execute(
        "INSERT INTO search_searchentrytext (entry_id, text) "
        "SELECT id, text FROM search_searchentry"
    )


def move_texts_back(apps, schema_editor):
    schema_editor.execute(
        "UPDATE search_searchentry SET text = coalesce(("
        "SELECT text FROM search_searchentrytext "
        "WHERE search_searchentrytext.entry_id = search_searchentry.id), '')"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_speed")]

    operations = [
        migrations.CreateModel(
            name="SearchEntryText",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="full_text",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True, help_text="Plain text, as a reader sees it."
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_texts_aside, move_texts_back),
        migrations.RemoveField(model_name="searchentry", name="text"),
    ]
