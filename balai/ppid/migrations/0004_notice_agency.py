"""Letters issued before documents knew the OPD concerned: take it from the request, so a
PPID pembantu finds its own notices and objection decisions in the register."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def letters_agency_set(apps, schema_editor):
    IssuedDocument = apps.get_model("documents", "IssuedDocument")
    Decision = apps.get_model("ppid", "Decision")
    Objection = apps.get_model("ppid", "Objection")
    for model, field in ((Decision, "notice"), (Objection, "decision_document")):
        agency = model.objects.filter(**{field: OuterRef("pk")}).values(
            "request__delegated_to")[:1]
        letters = model.objects.filter(request__delegated_to__isnull=False).values(field)
        IssuedDocument.objects.filter(agency__isnull=True, pk__in=letters).update(
            agency=Subquery(agency))


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0004_issueddocument_agency"),
        ("ppid", "0003_dip_file"),
    ]

    operations = [
        migrations.RunPython(letters_agency_set, migrations.RunPython.noop),
    ]
