"""'Sudah beres?': asked at closing and 14 days later; 'belum' reopens to the agency."""

from datetime import date

import pytest

from balai.complaints import services
from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import Complaint, FixedCheck
from balai.complaints.questionnaire import complaints_fixed_sweep
from balai.complaints.tests import factories
from balai.complaints.tests.test_services import at, submit
from balai.core.audit import audit_trail
from balai.notifications.models import Outbox

S = Complaint.Status


def _token_from(outbox: Outbox) -> str:
    line = next(w for w in outbox.body_text.split() if "/pengaduan/beres/" in w)
    return line.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def closed(cats, verifikator, operator_opd):
    complaint, _ = submit(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 11, 3))
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditambal.", actor=operator_opd,
                              now=at(2026, 11, 4))
    return services.complaint_rate(complaint=complaint, rating=4, now=at(2026, 11, 5))


def _asks(complaint):
    return Outbox.objects.filter(object_id=str(complaint.pk),
                                 dedupe_key__contains=":fixed:").order_by("id")


def test_closing_asks_the_reporter_at_once_and_stores_the_day_to_ask_again(closed):
    check = FixedCheck.objects.get(complaint=closed)
    assert check.round == 1 and check.agency.code == "pupr" and check.answer == ""
    assert closed.fixed_ask_on == date(2026, 11, 19)
    assert {o.channel for o in _asks(closed)} == {"email", "whatsapp"}
    email = _asks(closed).get(channel="email")
    assert "Apakah masalah pada aduan" in email.subject and "/pengaduan/beres/" in email.body_text


def test_the_sweep_asks_again_after_14_days_once_even_when_run_twice(closed):
    assert complaints_fixed_sweep(now=at(2026, 11, 18)) == {"fixed_asked": 0}
    assert complaints_fixed_sweep(now=at(2026, 11, 19)) == {"fixed_asked": 1}
    assert complaints_fixed_sweep(now=at(2026, 11, 20)) == {"fixed_asked": 0}
    assert list(FixedCheck.objects.filter(complaint=closed).values_list("round", flat=True)) \
        == [1, 2]
    closed.refresh_from_db()
    assert closed.fixed_ask_on is None and _asks(closed).count() == 4


def test_belum_reopens_to_the_agency_with_the_note_notifies_and_counts_against_it(
        closed, client, operator_opd):
    token = _token_from(_asks(closed).get(channel="email"))
    page = client.get(f"/pengaduan/beres/{token}/")
    assert page.status_code == 200 and "Sudah beres?" in page.content.decode()
    # "belum" without saying what is wrong: refused, nothing changes.
    refused = client.post(f"/pengaduan/beres/{token}/", {"answer": "belum", "note": " "})
    assert refused.status_code == 400 and "Tuliskan apa yang masih" in refused.content.decode()
    assert Complaint.objects.get(pk=closed.pk).status == S.DITUTUP
    done = client.post(f"/pengaduan/beres/{token}/",
                       {"answer": "belum", "note": "Lubangnya muncul lagi setelah hujan."})
    assert done.status_code == 302
    c = Complaint.objects.get(pk=closed.pk)
    assert c.status == S.DIPROSES and c.fixed_ask_on is None and c.followup_due
    assert c.messages.get(text="Lubangnya muncul lagi setelah hujan.").is_public
    assert list(audit_trail(c))[-1].action == "complaints.not_fixed"
    told = Outbox.objects.get(recipient=operator_opd.email, dedupe_key__contains="not_fixed")
    assert "Lubangnya muncul lagi" in told.body_text
    check = FixedCheck.objects.get(complaint=c)
    assert (check.answer, check.agency.code) == ("belum", "pupr")
    # Answered once: the link now says so, and the service refuses a second answer.
    assert "Anda menjawab" in client.get(f"/pengaduan/beres/{token}/").content.decode()
    with pytest.raises(ComplaintTransitionError):
        services.complaint_fixed_answer(check=check, fixed=True)


def test_sudah_is_counted_and_leaves_the_case_closed(closed):
    check = FixedCheck.objects.get(complaint=closed)
    services.complaint_fixed_answer(check=check, fixed=True)
    check.refresh_from_db()
    closed.refresh_from_db()
    assert check.answer == "sudah" and closed.status == S.DITUTUP
    assert list(audit_trail(closed, public_only=True))[-1].action == "complaints.fixed_confirmed"


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/pengaduan/beres/tebakan/").status_code == 404


def test_a_case_without_a_reporter_contact_is_not_asked(cats, verifikator, operator_opd):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"], reporter_email="", reporter_phone=""),
        actor=verifikator, now=at(2026, 11, 2))
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah.", actor=operator_opd)
    services.complaint_rate(complaint=complaint, rating=5)
    assert not FixedCheck.objects.exists()


def test_a_case_closed_by_an_outside_body_is_asked_and_belum_returns_it_there(
        cats, malang, verifikator, client):
    complaint, _ = submit(cats)
    services.complaint_forward(complaint=complaint, to_agency=malang["dpu-bm-jatim"],
                               reason="Jalan provinsi", actor=verifikator)
    closed = services.complaint_forward_close(
        complaint=complaint, source="Dinas PU Bina Marga Jatim", answer="Sudah ditambal.",
        now=at(2026, 11, 5))
    assert closed.fixed_ask_on == date(2026, 11, 19)
    token = _token_from(_asks(closed).get(channel="email"))
    done = client.post(f"/pengaduan/beres/{token}/",
                       {"answer": "belum", "note": "Masih berlubang di tepi."}, follow=True)
    assert "dikirim lagi ke Dinas PU Bina Marga Jatim" in done.content.decode()
    c = Complaint.objects.get(pk=complaint.pk)
    # back with the outside body: no clock of ours runs, the note is public
    assert c.status == S.DITERUSKAN and c.closed_at is None and c.fixed_ask_on is None
    assert c.messages.get(text="Masih berlubang di tepi.").is_public
    assert list(audit_trail(c))[-1].action == "complaints.not_fixed"
