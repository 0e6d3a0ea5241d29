"""Store the alarm days of each running PPID clock (issue 10, item 6), and fill them."""

from django.conf import settings
from django.db import migrations, models


def fill_alarms(apps, schema_editor):
    """The days each running clock still has to warn and to be flagged overdue, as
    ppid.deadlines.set_alarms computes them (the calendar as it stands now)."""
    from datetime import date

    from balai.core.calendar import work_calendar
    from balai.lib.workdays import alarms

    calendar = work_calendar()
    for name, running, start_of in (
            ("InformationRequest", ["diterima", "diproses"], lambda r: r.clock_start),
            ("Objection", ["diterima"],
             lambda o: date.fromisoformat(o.deadline_facts["decision"]["start"]))):
        model = apps.get_model("ppid", name)
        rows = list(model.objects.filter(status__in=running))
        for case in rows:  # an alarm already raised for this due date stays None
            when = alarms(start=start_of(case), due=case.due_date, calendar=calendar)
            flagged = case.overdue_flagged_for == case.due_date
            reminded = flagged or case.reminder_sent_for == case.due_date
            case.warn_on = None if reminded else when.warn_on
            case.overdue_on = None if flagged else when.overdue_on
        model.objects.bulk_update(rows, ["warn_on", "overdue_on"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('documents', '0004_issueddocument_agency'),
        ('ppid', '0010_refusal_on_art_17_or_not_documented'),
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='informationrequest',
            name='overdue_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='informationrequest',
            name='warn_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='objection',
            name='overdue_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='objection',
            name='warn_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='informationrequest',
            index=models.Index(fields=['status', 'warn_on'], name='ppid_inform_status_66a510_idx'),
        ),
        migrations.AddIndex(
            model_name='informationrequest',
            index=models.Index(fields=['status', 'overdue_on'], name='ppid_inform_status_867cc9_idx'),
        ),
        migrations.AddIndex(
            model_name='objection',
            index=models.Index(fields=['status', 'warn_on'], name='ppid_object_status_38ed01_idx'),
        ),
        migrations.AddIndex(
            model_name='objection',
            index=models.Index(fields=['status', 'overdue_on'], name='ppid_object_status_041cac_idx'),
        ),
        migrations.RunPython(fill_alarms, migrations.RunPython.noop),
    ]
