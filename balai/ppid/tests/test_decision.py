"""The decision, the written notice a–g through the documents service, private delivery."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.tests.programs import pdf_text
from balai.documents.models import IssuedDocument
from balai.documents.storage import documents_storage
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.errors import PpidTransitionError
from balai.ppid.files import DELIVERY_MAX, DELIVERY_TYPES, prepare_upload
from balai.ppid.models import InformationRequest
from balai.ppid.services import decision_problems
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")

ELEMENTS = {
    "a": "Penguasaan informasi", "b": "Badan publik yang menguasai", "c": "Keputusan",
    "d": "Informasi yang diberikan", "e": "Informasi yang dihitamkan dan alasannya",
    "f": "Bentuk dan cara penyampaian", "g": "Biaya dan cara pembayaran",
}


@pytest.fixture
def submitted(db):
    req, secret = services.information_request_submit(submission=factories.submission(),
                                                      documents=factories.prepared_ktp())
    return req, secret


def xlsx_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return prepare_upload(SimpleUploadedFile("daftar menara.xlsx", b"PK\x03\x04" + b"\0" * 64),
                          label="berkas", max_bytes=DELIVERY_MAX, allowed=DELIVERY_TYPES)


def notice_text(document: IssuedDocument, *, layout: bool = False) -> str:
    return pdf_text(documents_storage().path(document.pdf_path), layout=layout)


def test_partial_grant_issues_a_signed_notice_with_items_a_to_g(signing, submitted,
                                                              petugas_ppid):
    req, _secret = submitted
    decision = services.information_request_decide(
        request=req, data=factories.decision_data(cost=25000,
                                                  payment="Transfer ke rekening kas daerah."),
        files=[xlsx_file()], actor=petugas_ppid)
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.ANSWERED
    notice = decision.notice
    assert notice.kind == IssuedDocument.Kind.PPID_NOTICE
    assert notice.number.full_number.startswith("500.12/")
    text = notice_text(notice)
    flat = re.sub(r"\s+", " ", text)
    found = re.findall(r"\b([a-g])\. (" + "|".join(ELEMENTS.values()) + ")", flat)
    assert found == list(ELEMENTS.items()), flat
    assert req.code in flat and "Pasal 22 ayat (7)" in flat
    assert "Nama dan NIK pemilik lahan" in flat and "Pasal 17 huruf h" in flat
    assert "Rp25.000" in flat and "kas daerah" in flat
    assert factories.NIK not in flat  # the notice never prints the requester's NIK
    # Who asked what, as the Perki forms print it, before the a–g table.
    layout = notice_text(notice, layout=True)
    particulars = layout[:layout.index("Unsur (Pasal 22 ayat (7))")]
    for label, value in (("Nomor pendaftaran", req.code), ("Nama", "Budi Santoso"),
                         ("Alamat", "Jl. Kawi 12, Malang"), ("Pekerjaan", "-"),
                         ("Nomor telepon / e-mail", "081234567890 / budi@example.id"),
                         ("Informasi yang diminta", "Daftar menara telekomunikasi"),
                         ("Tujuan penggunaan informasi", "Penelitian skripsi")):
        assert re.search(rf"^\s*{re.escape(label)}\s+:\s+{re.escape(value)}", particulars,
                         re.M), (label, particulars)
    entry = audit_trail(req).filter(action="ppid.decided").get()
    assert entry.data["outcome"] == "sebagian" and entry.data["on_time"] is True
    assert Outbox.objects.filter(recipient="budi@example.id",
                                 subject__contains="telah dijawab").exists()


def test_requester_gets_notice_and_files_only_through_the_private_link(client, signing,
                                                                      submitted, petugas_ppid):
    req, secret = submitted
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         files=[xlsx_file()], actor=petugas_ppid)
    delivered = req.delivered_files.get()
    notice_url = reverse("ppid:requester_notice", args=[req.code])
    file_url = reverse("ppid:requester_file", args=[req.code, delivered.pk])
    assert client.get(notice_url).status_code == 404
    assert client.get(file_url).status_code == 404
    assert client.get(file_url, {"k": "tebakan"}).status_code == 404
    page = client.get(reverse("ppid:track_detail", args=[req.code]),
                      {"k": secret}).content.decode()
    assert "Diberikan sebagian" in page and "daftar menara" in page
    notice = client.get(notice_url)  # the session remembers the secret now
    assert notice.status_code == 200 and notice["Content-Type"] == "application/pdf"
    assert "no-store" in notice["Cache-Control"] and "private" in notice["Cache-Control"]
    download = client.get(file_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="daftar-menara')
    delivered.refresh_from_db()
    assert delivered.downloads == 1
    with pytest.raises(ValueError):
        delivered.file.url  # noqa: B018


def test_the_notice_is_verifiable(client, signing, submitted, petugas_ppid):
    req, _secret = submitted
    decision = services.information_request_decide(request=req, data=factories.decision_data(),
                                                   actor=petugas_ppid)
    page = client.get(reverse("documents:verify", args=[decision.notice.uuid]))
    assert page.status_code == 200
    assert decision.notice.number.full_number in page.content.decode()


def test_a_request_is_answered_once(signing, submitted, petugas_ppid):
    req, _secret = submitted
    services.information_request_decide(request=req, data=factories.decision_data(
        outcome="diberikan", exemption="", consequence_test="", withheld="",
        withheld_reason="", form="hardcopy"), actor=petugas_ppid)
    with pytest.raises(PpidTransitionError):
        services.information_request_decide(request=req, data=factories.decision_data(),
                                             actor=petugas_ppid)
    assert IssuedDocument.objects.count() == 1


@pytest.mark.parametrize(("extra", "field"), [
    ({"outcome": "ditolak", "exemption": "", "other_ground": ""}, "exemption"),
    ({"outcome": "ditolak", "consequence_test": " "}, "consequence_test"),
    ({"withheld": ""}, "withheld"),
    ({"is_held": False}, "outcome"),
    ({"outcome": "tidak_dikuasai"}, "outcome"),
    ({"outcome": "diberikan", "given": ""}, "given"),
    ({"cost": 5000, "payment": ""}, "payment"),
])
def test_incomplete_decisions_are_refused_before_any_letter(extra, field):
    assert field in decision_problems(factories.decision_data(**extra))


def test_not_held_names_the_body_that_holds_it(signing, submitted, petugas_ppid):
    req, _secret = submitted
    decision = services.information_request_decide(request=req, data=factories.decision_data(
        is_held=False, outcome="tidak_dikuasai", holder="Balai Monitor Spektrum Frekuensi Radio",
        exemption="", consequence_test="", given="", withheld="", withheld_reason="", form="",
        delivery=""), actor=petugas_ppid)
    flat = re.sub(r"\s+", " ", notice_text(decision.notice))
    assert "Balai Monitor Spektrum" in flat and "tidak berada di bawah penguasaan" in flat


def test_decide_through_the_staff_page(client, signing, submitted, petugas_ppid):
    req, _secret = submitted
    client.force_login(petugas_ppid)
    response = client.post(reverse("ppid:staff_action", args=[req.pk, "decide"]), {
        "decide-is_held": "1", "decide-outcome": "diberikan", "decide-given": "Daftar menara.",
        "decide-form": "softcopy", "decide-delivery": "email", "decide-cost": "0",
        "decide-files": factories.ktp_upload("daftar-menara.pdf", factories.PDF)})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.ANSWERED
    html = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert req.decision.notice.number.full_number in html


def test_the_notice_is_dated_the_day_of_the_decision_it_carries(signing, petugas_ppid):
    """A decision replayed at a given time (the demo, an import) gets a letter of that
    date, so the letter's date and its objection deadline never contradict each other."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    wib = ZoneInfo("Asia/Jakarta")
    req = factories.request(now=datetime(2026, 2, 23, 9, tzinfo=wib))
    decided = datetime(2026, 3, 2, 14, tzinfo=wib)  # Monday
    notice = services.information_request_decide(request=req, data=factories.decision_data(),
                                                 actor=petugas_ppid, now=decided).notice
    assert notice.issued_at == decided
    text = " ".join(notice_text(notice).split())
    assert "Malang, 2 Maret 2026" in text
    # 30 working days from 2 March 2026, past Nyepi, Idul Fitri and their cuti bersama.
    assert "paling lambat tanggal 21 April 2026 (30 hari kerja)" in text


def test_notice_is_signed_with_the_officers_name_position_and_nip(signing, submitted,
                                                                   petugas_ppid):
    petugas_ppid.full_name = "Nur Aini, S.Kom."
    petugas_ppid.position = "Kepala Bidang Informasi dan Komunikasi Publik selaku PPID"
    petugas_ppid.nip = "198203142006042002"
    petugas_ppid.save()
    req, _secret = submitted
    decision = services.information_request_decide(request=req, data=factories.decision_data(),
                                                    actor=petugas_ppid)
    flat = " ".join(notice_text(decision.notice).split())
    assert "selaku PPID, " in flat
    assert "Nur Aini, S.Kom. NIP 198203142006042002" in flat
    assert decision.notice.signer_position.endswith("selaku PPID")


REFUSED = {"outcome": "ditolak", "given": "", "withheld": "", "withheld_reason": "",
           "form": "", "delivery": ""}


def test_a_refusal_rests_on_art_17_with_a_consequence_test_not_on_art_6_3_alone(
        signing, petugas_ppid):
    """Issue 13, defect 5 (UU 14/2008 Pasal 17, 22(7)(c)): request received Monday
    2 March 2026 (due 16 March), refused on 16 March."""
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=WIB), tick=False):
        req = factories.request()
    decided_at = datetime(2026, 3, 16, 10, tzinfo=WIB)
    # Personal rights (6(3)(c)) alone, even with a "consequence test": not a lawful ground.
    alone = factories.decision_data(**REFUSED, exemption="", other_ground="6_3c")
    with pytest.raises(ValidationError) as refused:
        services.information_request_decide(request=req, data=alone, actor=petugas_ppid,
                                             now=decided_at)
    assert "Pasal 17" in refused.value.message_dict["exemption"][0]
    # With the Pasal 17 exemption it falls under and its test, it stands.
    assert not decision_problems(factories.decision_data(**REFUSED, exemption="17h",
                                                         other_ground="6_3c"))
    # Not yet documented (6(3)(e)): a fact, nothing to weigh, no consequence test.
    not_documented = factories.decision_data(**REFUSED, exemption="", other_ground="6_3e",
                                             consequence_test="")
    decision = services.information_request_decide(request=req, data=not_documented,
                                                   actor=petugas_ppid, now=decided_at)
    assert decision.other_ground == "6_3e" and decision.consequence_test == ""
    flat = re.sub(r"\s+", " ", notice_text(decision.notice))
    assert "belum dikuasai atau didokumentasikan" in flat


def test_the_decision_form_states_the_refusal_rules(client, signing, submitted, petugas_ppid):
    req, _secret = submitted
    client.force_login(petugas_ppid)
    html = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert "tidak pernah menggantikannya" in html
    assert "Tidak diperlukan bila satu-satunya alasan" in html


# --- the decision form by outcome (issue 11) ---------------------------------------------

GRANT = {"outcome": "diberikan", "exemption": "", "consequence_test": "", "withheld": "",
         "withheld_reason": ""}


def test_a_softcopy_grant_needs_the_file_and_says_so(signing, submitted, petugas_ppid):
    req, _secret = submitted
    with pytest.raises(ValidationError) as refused:
        services.information_request_decide(request=req, data=factories.decision_data(**GRANT),
                                             actor=petugas_ppid)
    assert refused.value.message_dict == {"files": [
        "Softcopy diberikan sebagai berkas: lampirkan berkas informasi yang diterima pemohon."]}
    assert not IssuedDocument.objects.exists()
    sheet = prepare_upload(factories.ktp_upload("daftar.pdf", factories.PDF), label="berkas",
                           max_bytes=DELIVERY_MAX, allowed=DELIVERY_TYPES)
    services.information_request_decide(request=req, data=factories.decision_data(**GRANT),
                                        files=[sheet], actor=petugas_ppid)
    assert req.delivered_files.count() == 1


def test_a_grant_to_inspect_or_in_hardcopy_needs_no_file():
    for form in ("melihat", "hardcopy"):
        assert decision_problems(factories.decision_data(**GRANT, form=form)) == {}


def test_a_grant_asks_nothing_of_pasal_17_and_a_refusal_nothing_of_what_is_given():
    assert decision_problems(factories.decision_data(**GRANT, form="hardcopy")) == {}
    refusal = factories.decision_data(outcome="ditolak", given="", withheld="",
                                      withheld_reason="", form="", delivery="")
    assert decision_problems(refusal) == {}


def test_what_was_typed_for_another_outcome_never_reaches_the_notice(signing, submitted,
                                                                     petugas_ppid):
    """Without JavaScript every part of the form is shown: a refusal keeps only its own."""
    req, _secret = submitted
    decision = services.information_request_decide(request=req, data=factories.decision_data(
        outcome="ditolak", holder="Dinas Lain", cost=5000, payment="Transfer"),
        actor=petugas_ppid)
    decision.refresh_from_db()
    assert decision.exemption == "17h" and decision.consequence_test
    assert (decision.given, decision.withheld, decision.form, decision.holder,
            decision.cost) == ("", "", "", "", 0)


def test_the_decision_form_groups_each_outcome_s_parts_under_a_labelled_fieldset(
        client, submitted, petugas_ppid):
    req, _secret = submitted
    client.force_login(petugas_ppid)
    html = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    sets = dict(re.findall(r'data-outcomes="([^"]*)" id="decision-(\w+)"', html))
    assert {name: set(outcomes.split()) for outcomes, name in sets.items()} == {
        "holder": {"tidak_dikuasai"}, "exemption": {"sebagian", "ditolak"},
        "given": {"diberikan", "sebagian"}, "withheld": {"sebagian"}}
    assert "Jika “Ditolak” atau “Diberikan sebagian”: pengecualian (Pasal 17)" in html
    assert "Terbitkan dan tandatangani pemberitahuan" in html
    assert 'src="/static/ppid/decision.js"' in html


def test_the_staff_page_refuses_a_softcopy_grant_without_its_file(client, signing, submitted,
                                                                   petugas_ppid):
    req, _secret = submitted
    client.force_login(petugas_ppid)
    response = client.post(reverse("ppid:staff_action", args=[req.pk, "decide"]), {
        "decide-is_held": "1", "decide-outcome": "diberikan", "decide-given": "Daftar menara.",
        "decide-form": "softcopy", "decide-delivery": "email", "decide-cost": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "lampirkan berkas informasi yang diterima pemohon" in html
    # The page again with the decision form open and what the officer wrote still in it:
    # nothing to type twice (only the file must be chosen again).
    assert 'id="action-decide" open' in html and 'class="error-summary"' in html
    assert "Daftar menara.</textarea>" in html
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.RECEIVED
