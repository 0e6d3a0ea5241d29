"""On PostgreSQL, a trigram index on the live listings' search text, so that a word search
(LIKE '%word%') reads the index instead of every row (bench/market_search.py). pg_trgm is
a trusted extension (PostgreSQL 13+): the database's owner may create it. SQLite, the
embedded default, scans; it holds a small market."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS market_live_search_trgm ON market_listing "
    "USING gin (search_text gin_trgm_ops) WHERE status = 'live'",
]
DROP = ["DROP INDEX IF EXISTS market_live_search_trgm"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("market", "0002_listing_search_text")]
    operations = [migrations.RunPython(forwards, backwards)]
