"""Migration operations shared by the apps."""

from __future__ import annotations

from django.db import migrations


def postgresql_only(create: list[str], drop: list[str]) -> migrations.RunPython:
    """Raw SQL run on PostgreSQL only (a trigram index, an extension), undone by `drop`;
    SQLite, the embedded default, is left as it is."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in create:
                schema_editor.execute(sql)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in drop:
                schema_editor.execute(sql)

    return migrations.RunPython(forwards, backwards)
