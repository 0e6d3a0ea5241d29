"""The demo's forward over Open311: one case at the province with their number and an
update mirrored onto its pages, and an endpoint the worker never calls (made-up address)."""

from datetime import timedelta

from django.utils import timezone

from balai.complaints.models import ComplaintMessage
from balai.core.models import AuditEntry
from balai.forwarding.models import Open311Endpoint, RemoteForward
from balai.forwarding.services import follow_sweep, send_sweep


def test_demo_has_one_case_forwarded_over_open311_with_their_number(demo_city, client):
    forward = RemoteForward.objects.select_related("complaint", "endpoint__agency").get()
    case = forward.complaint
    assert forward.endpoint.agency.code == "dpu-bm-jatim"
    assert case.external_reference == forward.remote_id
    page = client.get(f"/pengaduan/lacak/{case.code}/").content.decode()
    assert f"nomor mereka {forward.remote_id}" in page
    note = ComplaintMessage.objects.get(complaint=case, kind="remote_note")
    assert note.text.startswith(forward.endpoint.agency.name)
    assert "penambalan" in page
    # The story's dates: forwarded, then sent, then their update, never in the future.
    trail = AuditEntry.objects.filter(object_id=str(case.pk),
                                      content_type__model="complaint").order_by("created_at")
    actions = [e.action for e in trail]
    assert actions.index("complaints.forwarded") < actions.index("complaints.forward_received") \
        < actions.index("complaints.forward_updated")
    assert all(e.created_at <= timezone.now() for e in trail)
    assert note.created_at >= case.submitted_at


def test_demo_endpoint_is_off_so_the_worker_never_calls_the_made_up_address(demo_city):
    endpoint = Open311Endpoint.objects.get()
    assert not endpoint.is_active and endpoint.has_api_key
    assert "demo-kunci-rekaan" not in endpoint.api_key_encrypted
    later = timezone.now() + timedelta(days=1)
    assert send_sweep(now=later) == 0 and follow_sweep(now=later) == 0


def test_demo_exchanges_cases_with_lapor_on_the_previous_working_morning(demo_city, client):
    from balai.accounts.models import User
    from balai.complaints.models import Complaint
    from balai.lapor.models import LaporCase

    cases = {c.tracking_id: c for c in LaporCase.objects.select_related("complaint")}
    assert set(cases) == {"4713082", "4713127", "4709915"}
    disposed = [cases[t].complaint for t in ("4713082", "4713127")]
    assert all(c.channel == Complaint.Channel.LAPOR for c in disposed)
    assert disposed[0].agency.code == "dishub" and disposed[1].is_anonymous
    assert disposed[0].kelurahan.name == "Oro-oro Dowo"
    # LAPOR! disposed them on the previous working morning: their clocks start then
    from balai.core.calendar import get_work_calendar
    from balai.demo.history import workdays_ago

    morning = workdays_ago(1, today=timezone.localdate(), calendar=get_work_calendar())
    for c in disposed:
        local = timezone.localtime(c.submitted_at)
        assert (local.date(), local.hour, local.minute) == (morning, 9, 30)
    forwarded = cases["4709915"].complaint
    assert forwarded.forwarded_to.code == "bbpjn-jatim"
    assert forwarded.external_reference == "4709915"
    page = client.get(f"/pengaduan/lacak/{forwarded.code}/").content.decode()
    assert "nomor mereka 4709915" in page and "menjadwalkan survei" in page
    trail = AuditEntry.objects.filter(object_id=str(forwarded.pk),
                                      content_type__model="complaint").order_by("created_at")
    actions = [e.action for e in trail]
    assert actions.index("complaints.forwarded") < actions.index("complaints.forward_updated")
    assert all(e.created_at <= timezone.now() for e in trail)
    client.force_login(User.objects.get(email="verifikator@demo.balai.id"))
    desk = client.get("/teruskan/lapor/").content.decode()
    assert "4713082" in desk and "ekspor-lapor.csv" in desk
