"""A company's siting request: registered and assessed, decided with a signed letter whose
text says what the rules found; an override needs a reason."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from balai.core.audit import audit_trail
from balai.core.tests.programs import pdf_text
from balai.documents.models import IssuedDocument
from balai.documents.storage import documents_storage
from balai.towers import services
from balai.towers.models import SitingRequest
from balai.towers.tests import factories

NOW = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def zones(db):
    factories.circle_zone("Zona Sel Lowokwaru 3", "allowed", factories.SUHAT, 800, cap=42)


def register(officer, *, at=factories.SUHAT, height=36):
    return services.siting_request_register(
        company=factories.company("PT Protelindo"), letter_number="045/PTL/XI/2026",
        letter_date=date(2026, 11, 10), lat=at[0], lng=at[1], height_m=height,
        site_type="monopole", address="Jl. Soekarno-Hatta 9", actor=officer, now=NOW)


def letter_text(req) -> str:
    return re.sub(r"\s+", " ", pdf_text(documents_storage().path(req.letter.pdf_path)))


def test_a_request_is_assessed_when_registered(petugas_menara, zones):
    req = register(petugas_menara)
    assert req.code == "REK-2026-0001" and req.status == SitingRequest.Status.RECEIVED
    assert req.assessment["recommend"] is True
    assert len(req.assessment["outcomes"]) == 5
    assert audit_trail(req).get().action == "towers.siting_received"


def test_recommending_issues_a_signed_letter_valid_for_twelve_months(petugas_menara, zones,
                                                                      signing):
    req = services.siting_request_decide(request=register(petugas_menara), recommend=True,
                                         actor=petugas_menara, now=NOW)
    assert req.status == SitingRequest.Status.RECOMMENDED
    assert req.valid_until == date(2027, 11, 16)
    assert req.letter.kind == IssuedDocument.Kind.TOWER_RECOMMENDATION
    text = letter_text(req)
    assert "Rekomendasi penempatan menara telekomunikasi" in text
    assert "045/PTL/XI/2026" in text
    assert "berlaku sampai dengan 16 November 2027" in text
    assert "Titik ini berada di dalam zona sel Zona Sel Lowokwaru 3" in text
    assert "PT Protelindo" in text


def test_going_against_the_rules_needs_a_reason_that_the_letter_carries(petugas_menara, zones,
                                                                        signing):
    req = register(petugas_menara, height=50)  # above the 42 m cap
    assert req.assessment["recommend"] is False
    with pytest.raises(ValidationError) as exc:
        services.siting_request_decide(request=req, recommend=True, actor=petugas_menara)
    assert "alasan" in exc.value.message_dict["reason"][0]
    req.refresh_from_db()
    assert req.status == SitingRequest.Status.RECEIVED and req.letter is None
    decided = services.siting_request_decide(
        request=req, recommend=True, reason="Menara kamuflase di kawasan industri; "
        "disetujui rapat tim penataan menara 12 November 2026.", actor=petugas_menara, now=NOW)
    assert decided.overridden
    assert "rapat tim penataan menara" in letter_text(decided)
    entry = audit_trail(decided).get(action="towers.siting_recommended")
    assert entry.data["overridden"] is True


def test_refusing_what_the_rules_refuse_needs_no_reason(petugas_menara, zones, signing):
    req = register(petugas_menara, at=(-7.99, 112.66))
    decided = services.siting_request_decide(request=req, recommend=False,
                                             actor=petugas_menara, now=NOW)
    assert decided.status == SitingRequest.Status.REFUSED and decided.valid_until is None
    text = letter_text(decided)
    assert "tidak dapat merekomendasikan" in text
    assert "tidak berada di dalam zona sel mana pun" in text


def test_a_decided_request_cannot_be_decided_again(petugas_menara, zones, signing):
    req = services.siting_request_decide(request=register(petugas_menara), recommend=True,
                                         actor=petugas_menara, now=NOW)
    with pytest.raises(ValidationError):
        services.siting_request_decide(request=req, recommend=False, reason="x",
                                       actor=petugas_menara)
    assert IssuedDocument.objects.count() == 1


def test_the_decision_page_offers_the_actions_to_officers_only(client, petugas_menara,
                                                               kepala_dinas, zones):
    req = register(petugas_menara)
    client.force_login(kepala_dinas)
    page = client.get(f"/menara/staf/rekomendasi/{req.pk}/").content.decode()
    assert "Rekomendasikan dan terbitkan surat" not in page
    assert client.post(f"/menara/staf/rekomendasi/{req.pk}/recommend/").status_code == 403
    client.force_login(petugas_menara)
    page = client.get(f"/menara/staf/rekomendasi/{req.pk}/").content.decode()
    assert "Rekomendasikan dan terbitkan surat" in page


def test_the_officer_prints_the_letter_and_other_personas_cannot(client, petugas_menara,
                                                                 operator_opd, zones, signing):
    req = services.siting_request_decide(request=register(petugas_menara), recommend=True,
                                         actor=petugas_menara, now=NOW)
    url = f"/menara/staf/surat/{req.letter.uuid}/"
    client.force_login(petugas_menara)
    assert f'href="{url}"' in client.get(f"/menara/staf/rekomendasi/{req.pk}/").content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == \
        "private, no-store"
    client.force_login(operator_opd)
    assert client.get(url).status_code == 403
