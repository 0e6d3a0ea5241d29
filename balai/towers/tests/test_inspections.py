"""Field inspections: what they record and flag, the findings, the notice letter with a
deadline in working days, the follow-up and the round."""

import io
import re
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from balai.core.audit import audit_trail
from balai.core.tests.programs import pdf_text
from balai.documents.models import IssuedDocument
from balai.documents.storage import documents_storage
from balai.towers import selectors, services
from balai.towers.models import Finding, Inspection
from balai.towers.tests import factories

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")
MONDAY = datetime(2026, 12, 14, 9, 30, tzinfo=JKT)
ALL_GOOD = {"obstruction_light": "good", "paint": "good", "fence": "good",
            "signboard": "good", "generator": "absent", "in_use": True}


def record(officer, tower, *, gps=None, photos=(), key=None, **checklist):
    data = services.InspectionData(**{**ALL_GOOD, **checklist},
                                   gps_lat=gps[0] if gps else None,
                                   gps_lng=gps[1] if gps else None,
                                   gps_accuracy_m=8 if gps else None)
    return services.inspection_record(tower=tower, data=data, photos=photos,
                                      client_uuid=key or uuid.uuid4(), actor=officer,
                                      now=MONDAY)[0]


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (120, 80), (90, 120, 160))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (7.0, 56.0, 27.4), 3: "E", 4: (112.0, 37.0, 9.3)})
    exif[0x0132] = "2026:12:14 09:12:00"
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_good_tower_raises_no_finding_and_sets_the_last_inspection(petugas_menara):
    tower = factories.tower()
    inspection = record(petugas_menara, tower, gps=(tower.lat + 0.0001, tower.lng))
    tower.refresh_from_db()
    assert tower.last_inspected_on == date(2026, 12, 14)
    assert inspection.findings.count() == 0
    assert inspection.distance_m == pytest.approx(11.1, abs=0.2) and not inspection.off_point


def test_a_fix_more_than_50_m_off_the_registered_point_is_flagged(petugas_menara):
    tower = factories.tower()
    inspection = record(petugas_menara, tower, gps=(tower.lat + 0.0006, tower.lng))
    assert inspection.distance_m == pytest.approx(66.7, abs=0.3)
    assert inspection.off_point
    assert audit_trail(tower).get(action="towers.inspected").data["off_point"] is True


def test_problems_become_findings_in_plain_words(petugas_menara):
    tower = factories.tower()
    inspection = record(petugas_menara, tower, obstruction_light="problem", fence="absent",
                        generator="absent", in_use=False,
                        residents_concerns="Genset bising setiap malam.")
    with_labels = sorted(inspection.findings.values_list("description", flat=True))
    assert with_labels == sorted([
        "Lampu penanda (obstruction light): kondisinya buruk.",
        "Pagar dan pintu pagar: tidak ada.",
        "Menara sudah tidak digunakan dan semestinya dibongkar.",
        "Keluhan warga: Genset bising setiap malam."])


def test_the_same_form_sent_twice_is_recorded_once(petugas_menara):
    tower = factories.tower()
    key = uuid.uuid4()
    first = record(petugas_menara, tower, key=key, paint="problem")
    again = record(petugas_menara, tower, key=key, paint="problem")
    assert first.pk == again.pk
    assert Inspection.objects.count() == 1 and Finding.objects.count() == 1


def test_photo_evidence_keeps_its_exif_privately_and_the_public_copy_has_none(petugas_menara):
    tower = factories.tower()
    data = jpeg_with_gps()
    inspection = record(petugas_menara, tower,
                        photos=[SimpleUploadedFile("foto.jpg", data, "image/jpeg")])
    photo = inspection.photos.get()
    assert photo.original.read() == data
    assert "/media/" not in photo.original.path
    assert photo.taken_lat == pytest.approx(-7.9409, abs=1e-3)
    with Image.open(photo.image.open("rb")) as public:
        assert dict(public.getexif()) == {}


def test_the_notice_letter_gives_a_deadline_in_working_days(petugas_menara, signing):
    tower = factories.tower()
    inspection = record(petugas_menara, tower, obstruction_light="problem",
                        signboard="absent")
    letter = services.inspection_notify(inspection=inspection, actor=petugas_menara,
                                        now=MONDAY)
    assert letter.kind == IssuedDocument.Kind.TOWER_NOTICE
    findings = list(inspection.findings.all())
    # 14 working days from Monday 14 December 2026: not 24-25 December (cuti bersama,
    # Christmas), 1 January or 5 January 2027 (Isra Mikraj).
    assert {f.due_on for f in findings} == {date(2027, 1, 7)}
    assert {f.status for f in findings} == {Finding.Status.NOTIFIED}
    text = re.sub(r"\s+", " ", pdf_text(documents_storage().path(letter.pdf_path)))
    assert "Pemberitahuan kondisi menara telekomunikasi MLG-0001" in text
    assert "paling lambat 7 Januari 2027" in text
    assert "Lampu penanda (obstruction light): kondisinya buruk." in text
    assert "Papan nama pemilik: tidak ada." in text
    with pytest.raises(Exception, match="tidak memiliki temuan terbuka"):
        services.inspection_notify(inspection=inspection, actor=petugas_menara)


def test_an_overdue_finding_is_flagged_once(petugas_menara, signing):
    tower = factories.tower()
    inspection = record(petugas_menara, tower, paint="problem")
    services.inspection_notify(inspection=inspection, actor=petugas_menara, now=MONDAY)
    assert services.findings_overdue_sweep(today=date(2027, 1, 7)) == 0
    assert services.findings_overdue_sweep(today=date(2027, 1, 8)) == 1
    assert services.findings_overdue_sweep(today=date(2027, 1, 9)) == 0
    assert audit_trail(tower).filter(action="towers.finding_overdue").count() == 1


def test_a_resolved_finding_leaves_the_open_list(petugas_menara):
    tower = factories.tower()
    finding = record(petugas_menara, tower, fence="problem").findings.get()
    with pytest.raises(Exception, match="Tuliskan"):
        services.finding_resolve(finding=finding, resolution=" ", actor=petugas_menara)
    services.finding_resolve(finding=finding, resolution="Pagar diganti, dilihat 20/12.",
                             actor=petugas_menara)
    assert not selectors.findings_for(user=petugas_menara).exists()


def test_the_round_puts_never_inspected_towers_first_then_the_oldest(petugas_menara):
    factories.tower("MLG-0001", last_inspected_on=date(2026, 11, 1))
    factories.tower("MLG-0002", last_inspected_on=date(2024, 3, 1))
    factories.tower("MLG-0003")
    factories.tower("MLG-0004", last_inspected_on=date(2025, 6, 1))
    factories.tower("MLG-0005", status="dismantled")
    codes = [t.code for t in selectors.inspection_round(user=petugas_menara,
                                                        today=date(2026, 12, 14))]
    assert codes == ["MLG-0003", "MLG-0002", "MLG-0004"]


def test_the_phone_form_without_script_posts_and_refuses_an_unknown_code(client,
                                                                         petugas_menara):
    tower = factories.tower()
    client.force_login(petugas_menara)
    base = {"obstruction_light": "good", "paint": "good", "fence": "good",
            "signboard": "good", "generator": "good", "in_use": "1",
            "client_uuid": str(uuid.uuid4())}
    bad = client.post("/menara/periksa/", {**base, "tower_code": "XYZ-999"})
    assert bad.status_code == 400
    assert "Tidak ada menara dengan kode XYZ-999." in bad.content.decode()
    ok = client.post("/menara/periksa/", {**base, "tower_code": tower.code.lower()})
    assert ok.status_code == 302
    assert Inspection.objects.get().tower == tower


def test_only_tower_officers_inspect(client, kepala_dinas):
    client.force_login(kepala_dinas)
    assert client.get("/menara/periksa/").status_code == 403
