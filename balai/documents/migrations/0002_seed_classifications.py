"""Seed the archive classification codes balai's letters use.

indonesia-rules.md §5 cites only the format and one example (`000.8.3.3/15/OR`, S87); the
names below are our reading and stay `verified=False` until an archivist checks them
against the annex of Permendagri 83/2022.
"""

from django.db import migrations

CODES = [
    ("000", "Umum (surat umum)"),
    ("000.8.3.3", "Layanan informasi publik: pemberitahuan PPID dan putusan keberatan"),
]


def seed(apps, schema_editor):
    Classification = apps.get_model("documents", "Classification")
    for code, name in CODES:
        Classification.objects.get_or_create(code=code, defaults={"name": name,
                                                                   "verified": False})


def unseed(apps, schema_editor):
    apps.get_model("documents", "Classification").objects.filter(
        code__in=[c for c, _ in CODES], numbers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
