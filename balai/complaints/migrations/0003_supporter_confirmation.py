from django.db import migrations, models
from django.db.models import Q


def confirm_existing(apps, schema_editor):
    """Supporters from before confirmation links keep hearing about their case; duplicate
    addresses on one case (accepted before) are folded into the first, so the constraint holds."""
    Supporter = apps.get_model("complaints", "ComplaintSupporter")
    Complaint = apps.get_model("complaints", "Complaint")
    seen, extra = set(), []
    touched = {}
    for s in Supporter.objects.order_by("complaint_id", "created_at", "id"):
        email = (s.email or "").strip().lower()
        keys = [(s.complaint_id, "e", email)] if email else []
        keys += [(s.complaint_id, "p", s.phone)] if s.phone else []
        if any(k in seen for k in keys):
            extra.append(s.pk)
            touched[s.complaint_id] = touched.get(s.complaint_id, 0) + 1
            continue
        seen.update(keys)
        Supporter.objects.filter(pk=s.pk).update(email=email, confirmed_at=s.created_at)
    Supporter.objects.filter(pk__in=extra).delete()
    for complaint_id, removed in touched.items():
        c = Complaint.objects.get(pk=complaint_id)
        c.supporters_count = max(c.supporters_count - removed, 0)
        c.save(update_fields=["supporters_count"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_photo_state")]

    operations = [
        migrations.AddField(
            model_name="complaintsupporter", name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True)),
        migrations.AddField(
            model_name="complaintsupporter", name="confirm_token_hash",
            field=models.CharField(blank=True, editable=False, max_length=64)),
        migrations.RunPython(confirm_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="complaintsupporter",
            constraint=models.UniqueConstraint(condition=~Q(email=""),
                                               fields=("complaint", "email"),
                                               name="supporter_email_once")),
        migrations.AddConstraint(
            model_name="complaintsupporter",
            constraint=models.UniqueConstraint(condition=~Q(phone=""),
                                               fields=("complaint", "phone"),
                                               name="supporter_phone_once")),
    ]
