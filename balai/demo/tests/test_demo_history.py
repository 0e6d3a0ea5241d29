"""The demo's history is backdated consistently (issue 11): each case's timeline carries
the dates of its story, and its deadlines follow from them, so the first sweeps after
`balai demo` flag only the cases the story means to be late."""

from django.urls import reverse
from django.utils import dateformat, timezone

from balai.complaints.models import Complaint
from balai.complaints.sla import complaints_sla_sweep
from balai.core.models import AuditEntry
from balai.ppid.clock import ppid_deadline_sweep, ppid_objection_sweep
from balai.ppid.models import InformationRequest, Objection


def trails(model) -> dict[str, list]:
    by_case: dict[str, list] = {}
    for entry in AuditEntry.objects.filter(content_type__model=model._meta.model_name):
        by_case.setdefault(entry.object_id, []).append(entry)
    return by_case


def test_first_sweeps_after_the_demo_flag_only_the_cases_meant_to_be_late(demo_city):
    now = timezone.now()
    swept = complaints_sla_sweep(now=now)
    assert ppid_deadline_sweep(now=now) == {"reminded": 0, "overdue": 0}
    assert ppid_objection_sweep(now=now) == {"reminded": 0, "overdue": 0}
    escalated = set(Complaint.objects.exclude(sla_escalated="").values_list("code", flat=True))
    flagged = set(InformationRequest.objects.filter(overdue_flagged_for__isnull=False)
                  .values_list("code", flat=True))
    # The demo's story already ran its sweeps on their days: the first real one adds nothing.
    assert swept == {"warned": 0, "escalated": 0, "autoclosed": 0}
    assert escalated == {c for c in demo_city.late if c.startswith("ADU-")}
    assert flagged == {c for c in demo_city.late if c.startswith("PPID-")}
    assert 0 < len(escalated) <= 0.05 * demo_city.complaints  # a few, not the whole queue
    assert flagged
    assert not Objection.objects.filter(overdue_flagged_for__isnull=False).exists()


def test_every_timeline_starts_on_the_day_the_case_came_in(demo_city, client):
    now = timezone.now()
    local = timezone.localdate
    for model, came_in in ((Complaint, "submitted_at"), (InformationRequest, "received_at")):
        by_case = trails(model)
        cases = list(model.objects.all())
        assert cases
        for case in cases:
            entries = sorted(by_case[str(case.pk)], key=lambda e: (e.created_at, e.pk))
            start = getattr(case, came_in)
            assert local(entries[0].created_at) == local(start), (case.code, entries[0])
            assert all(start <= e.created_at <= now for e in entries), case.code
    # A case reported weeks ago shows that day on its public page, not the loading day.
    old = (Complaint.objects.filter(status=Complaint.Status.DITUTUP, is_confidential=False)
           .order_by("submitted_at").first())
    assert local(old.submitted_at) < local(now)
    page = client.get(reverse("complaints:track_detail", args=[old.code])).content.decode()
    reported = timezone.localtime(old.submitted_at)
    assert dateformat.format(reported, "j F Y H:i") in page  # "Dilaporkan pada"
    assert f'<time datetime="{dateformat.format(reported, "c")}' in page  # its first entry
    assert dateformat.format(timezone.localtime(now), "j M Y") not in page  # loading day


def test_the_late_cases_were_flagged_on_the_day_they_fell_due(demo_city):
    from balai.core.calendar import get_work_calendar
    from balai.lib.workdays import alarms

    calendar = get_work_calendar()
    late = Complaint.objects.filter(code__in=demo_city.late)
    assert late
    for c in late:
        entry = AuditEntry.objects.get(content_type__model="complaint", object_id=str(c.pk),
                                       action="complaints.sla_escalated")
        due = alarms(start=c.followup_start, due=c.followup_due, calendar=calendar)
        assert timezone.localdate(entry.created_at) == due.overdue_on < timezone.localdate()


def test_one_answer_waits_for_inspektorat_s_check_unseen_by_the_public(demo_city, client):
    from balai.accounts.models import User

    case = Complaint.objects.select_related("category__checker").get(
        check_requested_at__isnull=False)
    assert case.status == Complaint.Status.DIPROSES and case.category.checker.code == \
        "inspektorat"
    assert case.check_requested_at <= timezone.now() and not case.answer
    trail = list(AuditEntry.objects.filter(content_type__model="complaint",
                                           object_id=str(case.pk)).order_by("created_at"))
    assert trail[-1].action == "complaints.submitted_for_check"
    assert trail[-1].created_at >= trail[-2].created_at
    public = client.get(reverse("complaints:track_detail", args=[case.code])).content.decode()
    assert "Tim lapangan PUPR sudah memperbaiki" not in public
    client.force_login(User.objects.get(email="pemeriksa@demo.balai.id"))
    page = client.get(reverse("complaints:staff_detail", args=[case.pk])).content.decode()
    assert "Tim lapangan PUPR sudah memperbaiki" in page and 'id="action-check_pass"' in page
