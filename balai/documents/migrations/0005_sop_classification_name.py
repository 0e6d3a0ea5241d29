"""000.8.3.3 was seeded as "Layanan informasi publik: pemberitahuan PPID dan putusan
keberatan", but Permendagri 83/2022's list gives it to Standar Operasional Prosedur; PPID
letters now take the codes of PPID_LETTER_CLASSIFICATIONS (issue 13, defect 4). The
seeded name is corrected where it was never changed; numbers already issued keep their
code."""

from django.db import migrations

SEEDED = "Layanan informasi publik: pemberitahuan PPID dan putusan keberatan"
SOP = "Standar Operasional Prosedur (SOP)"


def rename(apps, schema_editor):
    apps.get_model("documents", "Classification").objects.filter(
        code="000.8.3.3", name=SEEDED).update(name=SOP)


def unrename(apps, schema_editor):
    apps.get_model("documents", "Classification").objects.filter(
        code="000.8.3.3", name=SOP).update(name=SEEDED)


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_issueddocument_agency")]
    operations = [migrations.RunPython(rename, unrename)]
