from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.ppid import services
from balai.ppid.tests import factories

WIB = ZoneInfo("Asia/Jakarta")
LIST = "/api/v1/ppid/requests/"


def detail(pk):
    return f"{LIST}{pk}/"


def codes(response):
    return [row["code"] for row in response.json()["results"]]


@pytest.fixture
def requests_(db, _private_files, petugas_ppid, agency_pupr, agency_dlh):
    """Three requests: one kept by the PPID utama, one delegated to PUPR, one to DLH."""
    kept = factories.request(now=timezone.now() - timedelta(days=40))
    pupr = factories.request(email="ani@example.id", name="Ani")
    dlh = factories.request(email="dedi@example.id", name="Dedi")
    services.information_request_delegate(request=pupr, agency=agency_pupr, note="Data PUPR",
                                          actor=petugas_ppid)
    services.information_request_delegate(request=dlh, agency=agency_dlh, note="",
                                          actor=petugas_ppid)
    return {"kept": kept, "pupr": pupr, "dlh": dlh}


def test_the_ppid_utama_and_the_atasan_see_every_request(requests_, token_for,
                                                          petugas_ppid, atasan_ppid):
    every = {r.code for r in requests_.values()}
    assert set(codes(token_for(petugas_ppid).get(LIST))) == every
    assert set(codes(token_for(atasan_ppid).get(LIST))) == every


def test_a_ppid_pembantu_sees_only_its_opd_s_requests_and_404_for_the_rest(
        requests_, token_for, ppid_pembantu, ppid_pembantu_other):
    pupr = token_for(ppid_pembantu)
    assert codes(pupr.get(LIST)) == [requests_["pupr"].code]
    assert pupr.get(detail(requests_["dlh"].pk)).status_code == 404
    assert pupr.get(detail(requests_["kept"].pk)).status_code == 404
    assert codes(token_for(ppid_pembantu_other).get(LIST)) == [requests_["dlh"].code]


def test_staff_outside_the_ppid_get_403_as_on_the_pages(requests_, token_for, verifikator,
                                                         operator_opd):
    for user in (verifikator, operator_opd):
        client = token_for(user)
        assert client.get(LIST).status_code == 403
        response = client.get(detail(requests_["pupr"].pk))
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_the_list_carries_no_personal_data(requests_, token_for, petugas_ppid):
    text = str(token_for(petugas_ppid).get(LIST).json())
    for secret in (factories.NIK, "Budi", "Ani", "budi@example.id", "Jl. Kawi"):
        assert secret not in text


def test_nik_and_address_in_full_only_for_ppid_officers_and_the_atasan(
        requests_, token_for, ppid_pembantu, atasan_ppid, kepala_dinas):
    pk = requests_["pupr"].pk
    for user in (ppid_pembantu, atasan_ppid):
        body = token_for(user).get(detail(pk)).json()
        assert body["identity_visible"] is True
        assert body["requester"]["nik"] == factories.NIK
        assert body["requester"]["address"] == "Jl. Kawi 12, Malang"
        assert body["requester"]["identity_documents"] == ["ktp"]
    body = token_for(kepala_dinas).get(detail(pk)).json()
    assert body["identity_visible"] is False and body["requester"]["address"] is None
    assert body["requester"]["nik"] != factories.NIK
    assert body["requester"]["nik"][:2] == factories.NIK[:2]
    assert factories.NIK not in str(body) and "Jl. Kawi" not in str(body)


def test_a_legal_entity_s_representative_in_full_only_for_those_who_see_identities(
        requests_, token_for, petugas_ppid, kepala_dinas):
    """Issue 13, defect 7: the representative a badan hukum authorises is part of the
    requester, masked like the NIK for the roles that do not see identities."""
    entity = factories.request(requester_kind="badan_hukum", nik="", channel="email",
                               name="Yayasan Data Terbuka", legal_document_number="AHU-1",
                               representative_name="Rina Kusuma",
                               representative_nik=factories.NIK)
    full = token_for(petugas_ppid).get(detail(entity.pk)).json()["requester"]
    assert full["representative_name"] == "Rina Kusuma"
    assert full["representative_nik"] == factories.NIK
    masked = token_for(kepala_dinas).get(detail(entity.pk)).json()["requester"]
    assert masked["representative_name"] == "Rina Kusuma"
    assert masked["representative_nik"] != factories.NIK and factories.NIK not in str(masked)


def test_the_detail_has_the_deadline_explained_and_the_timeline(requests_, token_for,
                                                                 ppid_pembantu):
    body = token_for(ppid_pembantu).get(detail(requests_["pupr"].pk)).json()
    assert body["delegated_to"]["code"] == "pupr" and body["delegation_note"] == "Data PUPR"
    assert body["deadline"]["answer"]["due"] == body["due_date"]
    assert [e["action"] for e in body["timeline"]] == ["ppid.submitted", "ppid.delegated"]
    assert all(e["label"] and e["label"] != e["action"] for e in body["timeline"])
    assert body["decision"] is None
    assert body["objections"] == [] and body["disputes"] == []


def test_filters_by_status_opd_dates_and_lateness(requests_, token_for, petugas_ppid):
    client = token_for(petugas_ppid)

    def get(**params):
        return set(codes(client.get(LIST, params)))

    kept, pupr, dlh = requests_["kept"], requests_["pupr"], requests_["dlh"]
    assert get(delegated_to="pupr") == {pupr.code}
    assert get(late="true") == {kept.code}
    assert get(late="false") == {pupr.code, dlh.code}
    assert get(status="diterima") == {kept.code}  # delegated ones are being processed
    assert get(status=["diterima", "diproses"]) == {kept.code, pupr.code, dlh.code}
    assert get(status="dijawab") == set()
    today = timezone.localdate().isoformat()
    assert get(received_from=today) == {pupr.code, dlh.code}
    assert get(received_to=(timezone.localdate() - timedelta(days=30)).isoformat()) == {
        kept.code}


def test_an_empty_received_date_is_refused_not_ignored(requests_, token_for, petugas_ppid):
    client = token_for(petugas_ppid)
    for param in ("received_from", "received_to"):
        response = client.get(LIST, {param: ""})
        assert response.status_code == 400 and param in response.json()["fields"]


def test_pages_follow_received_time_then_id(requests_, token_for, petugas_ppid):
    client = token_for(petugas_ppid)
    first = client.get(LIST, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert second["next"] is None
    seen = [r["code"] for r in first["results"] + second["results"]]
    expected = sorted(requests_.values(), key=lambda r: (r.received_at, r.pk), reverse=True)
    assert seen == [r.code for r in expected]


def test_the_list_costs_the_same_queries_for_3_or_13_requests(requests_, token_for,
                                                              petugas_ppid):
    client = token_for(petugas_ppid)
    client.get(LIST)
    counts = []
    for extra in (0, 10):
        for _ in range(extra):
            factories.request(now=datetime(2026, 11, 2, 10, tzinfo=WIB))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4, [q["sql"] for q in queries.captured_queries]


def test_the_detail_carries_the_decision_items(requests_, token_for, petugas_ppid):
    from balai.ppid.models import Decision

    req = requests_["kept"]
    req.decision = Decision.objects.create(
        request=req, is_held=True, outcome="sebagian", exemption="17h",
                            consequence_test="Membuka alamat pribadi merugikan pemiliknya.",
                            given="Daftar menara", withheld="Alamat pemilik",
                            withheld_reason="Data pribadi", form="softcopy", delivery="email",
                            decided_at=timezone.now(), decided_by=petugas_ppid)
    req.save(update_fields=["decision"])
    decision = token_for(petugas_ppid).get(detail(req.pk)).json()["decision"]
    assert decision["outcome"] == "sebagian" and decision["exemption"] == "17h"
    assert decision["withheld"] == "Alamat pemilik" and decision["cost"] == 0
    assert decision["outcome_label"]


def test_a_dispute_carries_the_commissions_own_clock(requests_, token_for, petugas_ppid):
    from datetime import date

    from balai.ppid.models import Dispute

    Dispute.objects.create(
        request=requests_["kept"], filed_by=Dispute.FiledBy.REQUESTER,
        filed_on=date(2026, 3, 9), filing_deadline=date(2026, 3, 20),
        commission="Komisi Informasi Provinsi Jawa Timur", stage=Dispute.Stage.MEDIATION,
        settlement_started_on=date(2026, 4, 7))
    dispute, = token_for(petugas_ppid).get(detail(requests_["kept"].pk)).json()["disputes"]
    # Pasal 38: begin within 14 working days, settle within 100 (Nyepi, Idul Fitri and
    # their cuti bersama not counted), as on the staff page.
    assert dispute["settlement_started_on"] == "2026-04-07"
    assert dispute["timeline"] == {
        "start_by": "2026-04-06", "finish_by": "2026-08-13", "started_late": True,
        "not_started": False, "decided_late": False,
        "overdue": timezone.localdate() > date(2026, 8, 13)}
