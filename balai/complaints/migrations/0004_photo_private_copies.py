import os

from django.core.files.base import ContentFile
from django.db import migrations, models

import balai.complaints.photos

# The statuses in which a case is public (complaints.selectors at the time of writing).
PUBLIC = {"terverifikasi", "diproses", "menunggu_info", "selesai", "ditutup", "diteruskan"}


def move_to_private(apps, schema_editor):
    """Every re-encoded photo gets its private master; the public copy stays only where the
    case is public now (a new, archived or rahasia case's photo leaves public media)."""
    Photo = apps.get_model("complaints", "ComplaintPhoto")
    for row in Photo.objects.exclude(image="").select_related("complaint").iterator():
        for public, private in (("image", "private_image"), ("thumbnail", "private_thumbnail")):
            source = getattr(row, public)
            if not source:
                continue
            try:
                with source.open("rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                continue
            getattr(row, private).save(os.path.basename(source.name), ContentFile(data),
                                       save=False)
        c = row.complaint
        if c.is_confidential or c.status not in PUBLIC:
            for public in ("image", "thumbnail"):
                field = getattr(row, public)
                if field:
                    field.storage.delete(field.name)
            row.image = row.thumbnail = ""
        row.save(update_fields=["private_image", "private_thumbnail", "image", "thumbnail"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_supporter_confirmation")]

    operations = [
        migrations.AddField(
            model_name="complaintphoto", name="private_image",
            field=models.FileField(blank=True,
                                   storage=balai.complaints.photos.originals_storage,
                                   upload_to="complaints/photos/%Y/%m/")),
        migrations.AddField(
            model_name="complaintphoto", name="private_thumbnail",
            field=models.FileField(blank=True,
                                   storage=balai.complaints.photos.originals_storage,
                                   upload_to="complaints/photos/%Y/%m/thumbs/")),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
