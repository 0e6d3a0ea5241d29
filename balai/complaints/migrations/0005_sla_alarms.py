"""Store the alarm days of each running SLA clock (issue 10, item 6), and fill them."""

from django.conf import settings
from django.db import migrations, models


def fill_alarms(apps, schema_editor):
    """The days each running clock still has to warn and to escalate, as
    complaints.deadlines computes them (the same pure function; the calendar as it stands
    now)."""
    from balai.complaints.deadlines import alarms_of
    from balai.core.calendar import work_calendar

    Complaint = apps.get_model("complaints", "Complaint")
    calendar = work_calendar()
    rows = Complaint.objects.filter(status__in=["baru", "terverifikasi", "diproses"])
    batch = []
    for complaint in rows.only("status", "clock_start", "verify_due", "followup_start",
                               "followup_due", "sla_warned", "sla_escalated",
                               ).iterator(chunk_size=1000):
        complaint.sla_warn_on, complaint.sla_overdue_on = alarms_of(complaint, calendar)
        batch.append(complaint)
        if len(batch) == 1000:
            Complaint.objects.bulk_update(batch, ["sla_warn_on", "sla_overdue_on"])
            batch = []
    Complaint.objects.bulk_update(batch, ["sla_warn_on", "sla_overdue_on"])


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('complaints', '0004_photo_private_copies'),
        ('core', '0001_initial'),
        ('geo', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='sla_overdue_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='complaint',
            name='sla_warn_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(condition=models.Q(('sla_warn_on__isnull', False)), fields=['sla_warn_on'], name='complaint_sla_warn_on'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(condition=models.Q(('sla_overdue_on__isnull', False)), fields=['sla_overdue_on'], name='complaint_sla_overdue_on'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(condition=models.Q(('status', 'selesai')), fields=['autoclose_due'], name='complaint_autoclose_due'),
        ),
        migrations.RunPython(fill_alarms, migrations.RunPython.noop),
    ]
