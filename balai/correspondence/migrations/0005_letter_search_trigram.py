"""On PostgreSQL, trigram indexes for the agenda book's search: subject, sender and letter
number are filtered with `icontains` (`UPPER(col::text) LIKE UPPER('%word%')`); an index on
that expression lets the planner read the matching letters instead of scanning a million
(bench/correspondence.py). pg_trgm is a trusted extension (PostgreSQL 13+). SQLite, the
embedded default, scans."""

from django.db import migrations

from balai.core.migration_ops import postgresql_only

COLUMNS = ("subject", "sender_name", "letter_number")
CREATE = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS correspondence_letter_{col}_trgm "
    f"ON correspondence_incomingletter USING gin ((UPPER({col}::text)) gin_trgm_ops)"
    for col in COLUMNS]
DROP = [f"DROP INDEX IF EXISTS correspondence_letter_{col}_trgm" for col in COLUMNS]


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0004_distribution")]
    operations = [postgresql_only(CREATE, DROP)]
