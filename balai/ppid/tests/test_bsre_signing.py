"""The PPID's letters signed by the named official through BSrE (issue 13, one signing flow
in `documents` with persuratan): the passphrase typed on the page at signing, sent once to
BSrE and never stored; a refusal leaves the request unanswered with no number used."""

from __future__ import annotations

import io
import json

import pytest
from django.core import serializers
from django.urls import reverse
from pypdf import PdfReader

from balai.documents.models import IssuedDocument, LetterNumber
from balai.documents.storage import pdf_read
from balai.documents.tests.bsre_server import NIK, PASSPHRASE
from balai.ppid.models import InformationRequest
from balai.ppid.tests import factories


def _post_decision(client, req, passphrase: str):
    return client.post(reverse("ppid:staff_action", args=[req.pk, "decide"]), {
        "decide-is_held": "1", "decide-outcome": "diberikan",
        "decide-given": "Daftar menara dengan lokasi dan tinggi.", "decide-form": "softcopy",
        "decide-delivery": "email", "decide-cost": "0", "decide-passphrase": passphrase,
        "decide-files": factories.ktp_upload("daftar-menara.pdf", factories.PDF)})


@pytest.fixture
def officer(petugas_ppid):
    petugas_ppid.full_name = "Nur Aini, S.Sos."
    petugas_ppid.signature_nik = NIK
    petugas_ppid.save()
    return petugas_ppid


def test_the_notice_is_signed_by_bsre_with_the_passphrase_typed_on_the_page(
        client, db, signing, bsre, officer):
    req = factories.request()
    client.force_login(officer)
    page = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert 'name="decide-passphrase"' in page and 'type="password"' in page
    assert _post_decision(client, req, PASSPHRASE).status_code == 302
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.ANSWERED
    path, payload = bsre.last
    assert path == "/api/v2/sign/pdf" and payload["nik"] == NIK
    notice = req.decision.notice
    text = " ".join(" ".join(page.extract_text() for page in
                             PdfReader(io.BytesIO(pdf_read(notice.pdf_path))).pages).split())
    assert "Nur Aini, S.Sos." in text  # the one whose certificate signed
    # The passphrase is in no row of the database.
    dump = serializers.serialize("json", [*InformationRequest.objects.all(),
                                          *IssuedDocument.objects.all(), officer])
    assert PASSPHRASE not in dump and PASSPHRASE not in json.dumps(req.deadline_facts)


def test_a_wrong_passphrase_leaves_the_request_open_and_the_number_unused(
        client, db, signing, bsre, officer):
    req = factories.request()
    client.force_login(officer)
    response = _post_decision(client, req, "salah")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Passphrase anda salah" in html
    assert 'value="salah"' not in html  # never shown back
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.RECEIVED and req.decision is None
    assert not IssuedDocument.objects.exists()
    assert {n.status for n in LetterNumber.objects.all()} <= {"cancelled"}
    # Then with the right passphrase the officer signs at once.
    assert _post_decision(client, req, PASSPHRASE).status_code == 302


def test_an_empty_passphrase_is_asked_for_before_anything_is_numbered(
        client, db, signing, bsre, officer):
    req = factories.request()
    client.force_login(officer)
    response = _post_decision(client, req, "")
    assert response.status_code == 400
    assert "passphrase BSrE" in response.content.decode()
    assert not LetterNumber.objects.exists()


def test_without_a_bsre_service_the_page_asks_no_passphrase(client, db, signing,
                                                           petugas_ppid):
    req = factories.request()
    client.force_login(petugas_ppid)
    page = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert "decide-passphrase" not in page


def test_the_atasan_signs_the_objection_decision_with_their_own_passphrase(
        client, db, signing, bsre, petugas_ppid, atasan_ppid):
    from django.utils import timezone

    from balai.ppid import services

    req = factories.request()
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid)
    req.refresh_from_db()
    objection = services.objection_file(
        request=req, ground="35_1a", ground_date=timezone.localdate(),
        case_summary="Nama pemilik lahan seharusnya tidak dihitamkan karena lahan itu "
                     "milik daerah.")
    atasan_ppid.full_name, atasan_ppid.signature_nik = "Drs. Wahyu Hidayat", NIK
    atasan_ppid.save()
    client.force_login(atasan_ppid)
    url = reverse("ppid:objection_detail", args=[objection.pk])
    assert 'name="passphrase"' in client.get(url).content.decode()
    data = {"outcome": "ditolak", "reasons": "Pengecualian nama pemilik lahan sudah tepat."}
    refused = client.post(url, {**data, "passphrase": "salah"})
    assert refused.status_code == 200 and "Passphrase anda salah" in refused.content.decode()
    objection.refresh_from_db()
    assert objection.outcome == ""
    assert client.post(url, {**data, "passphrase": PASSPHRASE}).status_code == 302
    objection.refresh_from_db()
    assert objection.decided_by == atasan_ppid and bsre.last[1]["nik"] == NIK
