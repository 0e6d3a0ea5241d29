"""On PostgreSQL, trigram indexes for the registry's word search: the staff list filters
code, name and address with `icontains`, which PostgreSQL runs as
`UPPER(col::text) LIKE UPPER('%word%')`; an index on that very expression lets the planner
read the matching rows (a BitmapOr of the three) instead of scanning every tower
(bench/towers.py: part of a code at 100,000 towers). pg_trgm is a trusted extension
(PostgreSQL 13+), as for the market's listings. SQLite, the embedded default, scans; it
holds a city's few hundred towers."""

from django.db import migrations

from balai.core.migration_ops import postgresql_only

COLUMNS = ("code", "name", "address")
CREATE = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS tower_{col}_trgm ON towers_tower "
    f"USING gin ((UPPER({col}::text)) gin_trgm_ops)" for col in COLUMNS]
DROP = [f"DROP INDEX IF EXISTS tower_{col}_trgm" for col in COLUMNS]


class Migration(migrations.Migration):
    dependencies = [("towers", "0003_levy_ledger")]
    operations = [postgresql_only(CREATE, DROP)]
