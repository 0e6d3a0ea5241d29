"""The PPID records in the Django admin: looked up, a few texts corrected, states never."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from balai.accounts.models import Role
from balai.core.audit import audit_trail
from balai.ppid.models import (
    AnnualReportText,
    Decision,
    Dispute,
    InformationRequest,
    Objection,
)
from balai.ppid.tests import factories
from conftest import make_user

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
MODELS = ["dipentry", "informationrequest", "decision", "objection", "dispute",
          "annualreporttext"]
LEGAL_RECORDS = ["informationrequest", "decision", "objection", "dispute"]


@pytest.fixture
def records(agency_pupr):
    """One row of each model, written directly: what the admin shows, not how it came."""
    req = factories.request()
    when = datetime(2026, 4, 7, 10, tzinfo=WIB)
    objection = Objection.objects.create(
        code="KEB-2026-000001", request=req, grounds=["35_1a"], ground_date=date(2026, 4, 7),
        filing_deadline=date(2026, 5, 22), case_summary="Nama pemilik lahan dihitamkan.",
        filed_at=when, due_date=date(2026, 5, 25))
    return {
        "dipentry": factories.dip_entry(agency_pupr),
        "informationrequest": req,
        "decision": Decision.objects.create(request=req, is_held=True, outcome="diberikan",
                                            decided_at=when),
        "objection": objection,
        "dispute": Dispute.objects.create(
            request=req, objection=objection, filed_by="pemohon", filed_on=date(2026, 5, 4),
            filing_deadline=date(2026, 5, 11), commission="Komisi Informasi Provinsi Jatim"),
        "annualreporttext": AnnualReportText.objects.create(year=2025, obstacles="Sinyal."),
    }


def urls(name, obj):
    return (reverse(f"admin:ppid_{name}_changelist"),
            reverse(f"admin:ppid_{name}_change", args=[obj.pk]))


@pytest.mark.parametrize("name", MODELS)
def test_an_administrator_opens_each_list_and_record(client, admin, records, name):
    client.force_login(admin)
    changelist, change = urls(name, records[name])
    assert client.get(changelist).status_code == 200
    assert client.get(change).status_code == 200


@pytest.mark.parametrize("name", MODELS)
def test_staff_without_permissions_cannot_open_them(client, records, name):
    staff = make_user("staf@example.id", Role.VERIFIKATOR, is_staff=True)
    client.force_login(staff)
    changelist, change = urls(name, records[name])
    assert client.get(changelist).status_code == 403
    assert client.get(change).status_code == 403


@pytest.mark.parametrize("name", LEGAL_RECORDS)
def test_legal_records_are_never_deleted(client, admin, records, name):
    client.force_login(admin)
    obj = records[name]
    assert client.get(reverse(f"admin:ppid_{name}_delete", args=[obj.pk])).status_code == 403
    page = client.get(reverse(f"admin:ppid_{name}_changelist")).content.decode()
    assert "delete_selected" not in page


def test_the_nik_is_never_listed_or_searched_and_shown_masked(client, admin, records):
    client.force_login(admin)
    changelist, change = urls("informationrequest", records["informationrequest"])
    listed = client.get(changelist).content.decode()
    assert records["informationrequest"].code in listed and factories.NIK not in listed
    found = client.get(changelist, {"q": factories.NIK})
    assert found.context["cl"].result_count == 0
    assert client.get(changelist, {"q": "Budi"}).context["cl"].result_count == 1
    page = client.get(change).content.decode()
    assert factories.NIK not in page and "35••••••••••••01" in page
    assert 'name="nik"' not in page and 'name="legal_document_number"' not in page


def test_contact_details_are_corrected_with_an_audit_but_the_status_stays(client, admin,
                                                                          records):
    client.force_login(admin)
    req = records["informationrequest"]
    _changelist, change = urls("informationrequest", req)
    response = client.post(change, {
        "name": "Budi Santosa", "address": req.address, "occupation": "", "phone": req.phone,
        "email": "budi.santosa@example.id", "status": "selesai", "due_date": "2030-01-01",
        "nik": "3573011708900002", "_save": "Simpan"})
    assert response.status_code == 302, response.content.decode()[:2000]
    req.refresh_from_db()
    assert (req.name, req.email) == ("Budi Santosa", "budi.santosa@example.id")
    assert req.status == InformationRequest.Status.RECEIVED
    assert req.nik == factories.NIK and req.due_date.year == 2026
    entry = audit_trail(req).get(action="ppid.corrected")
    assert entry.actor == admin and entry.data == {"changed": ["email", "name"]}
    assert not entry.public and "santosa" not in str(entry.data).lower()
    staff_page = client.get(reverse("ppid:staff_detail", args=[req.pk]))
    assert "Dikoreksi oleh administrator" in staff_page.content.decode()


def test_a_dispute_stage_cannot_be_set_in_the_admin(client, admin, records):
    client.force_login(admin)
    dispute = records["dispute"]
    _changelist, change = urls("dispute", dispute)
    response = client.post(change, {
        "commission": "Komisi Informasi Provinsi Jawa Timur",
        "registration_number": "012/V/KI-JATIM-PS/2026", "mediation_result": "",
        "decision_summary": "", "stage": "diputus", "settlement_started_on": "2026-05-05",
        "_save": "Simpan"})
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.stage == Dispute.Stage.FILED and dispute.settlement_started_on is None
    assert dispute.registration_number == "012/V/KI-JATIM-PS/2026"
    assert audit_trail(dispute).get().data == {"changed": ["commission",
                                                           "registration_number"]}


@pytest.mark.parametrize("name", ["decision", "objection"])
def test_decisions_and_objections_only_read(client, admin, records, name):
    client.force_login(admin)
    obj = records[name]
    _changelist, change = urls(name, obj)
    assert client.post(change, {"outcome": "ditolak"}).status_code == 403
    assert client.get(reverse(f"admin:ppid_{name}_add")).status_code == 403
    obj.refresh_from_db()
    assert obj.outcome != "ditolak"


def test_a_dip_entry_is_saved_through_the_service(client, admin, records, agency_pupr):
    client.force_login(admin)
    entry = records["dipentry"]
    _changelist, change = urls("dipentry", entry)
    data = {"information_class": "berkala", "title": "Laporan keuangan Dinas PUPR 2025",
            "summary": entry.summary, "agency": agency_pupr.pk, "responsible": "",
            "made_when": "", "made_where": "", "available_forms": "", "retention": "",
            "year": "2025", "url": "", "exemption": "", "exemption_decree": "",
            "consequence_test": "", "exempt_until": "", "is_published": "on",
            "_save": "Simpan"}
    assert client.post(change, data).status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Laporan keuangan Dinas PUPR 2025"
    assert audit_trail(entry).get(action="ppid.dip_updated").actor == admin
    # The service's exemption rules come back as field errors, not an error page.
    response = client.post(change, {**data, "information_class": "dikecualikan"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"exemption", "exemption_decree", "consequence_test"} <= set(errors)
    assert "uji konsekuensi" in str(errors["consequence_test"])


def test_an_annual_report_text_is_saved_through_the_service(client, admin, records):
    client.force_login(admin)
    text = records["annualreporttext"]
    _changelist, change = urls("annualreporttext", text)
    response = client.post(change, {"general_policy": "Dua petugas PPID.",
                                    "obstacles": "Sinyal.", "recommendations": "",
                                    "_save": "Simpan"})
    assert response.status_code == 302
    text.refresh_from_db()
    assert text.general_policy == "Dua petugas PPID." and text.updated_by == admin
    entry = audit_trail(text).get()
    assert entry.action == "ppid.annual_report_text_saved"
    assert entry.data["changed"] == ["general_policy"]
