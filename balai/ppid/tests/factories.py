"""Test data for the PPID service."""

from __future__ import annotations

from balai.ppid.models import DipEntry, InformationClass

NIK = "3573011708900001"


def dip_entry(agency, **extra) -> DipEntry:
    values = {"information_class": InformationClass.BERKALA,
              "title": "Laporan keuangan Dinas 2025", "summary": "Neraca dan realisasi APBD.",
              "responsible": "Sekretaris Dinas", "made_when": "Januari 2026",
              "made_where": "Kota Malang", "available_forms": "Softcopy (PDF)",
              "retention": "5 tahun", "year": 2025}
    values.update(extra)
    if values["information_class"] == InformationClass.DIKECUALIKAN:
        values.setdefault("exemption", "17h")
        values.setdefault("exemption_decree", "SK PPID No. 555/12/35.73.2026")
        values.setdefault("consequence_test", "Membuka data ini mengungkap rahasia pribadi.")
    return DipEntry.objects.create(agency=agency, **values)


def _jpeg(size=(64, 40)) -> bytes:
    """A real little JPEG: KTP scans are decoded and re-encoded on upload."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 150)).save(out, "JPEG")
    return out.getvalue()


JPEG = _jpeg()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ktp_upload(name: str = "ktp.jpg", data: bytes = JPEG):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def prepared_ktp():
    from balai.ppid.files import prepare_upload

    return {"ktp": prepare_upload(ktp_upload(), label="KTP")}


def prepare_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from balai.ppid.files import prepare_upload

    return prepare_upload(SimpleUploadedFile("berita acara.pdf", PDF,
                                             content_type="application/pdf"), label="scan")


def submission(**extra):
    from balai.ppid.services import RequestSubmission

    values = {"requester_kind": "perorangan", "name": "Budi Santoso", "nik": NIK,
              "address": "Jl. Kawi 12, Malang", "information": "Daftar menara telekomunikasi "
              "di Kota Malang tahun 2025 beserta pemiliknya.",
              "purpose": "Penelitian skripsi", "obtain_method": "softcopy",
              "delivery_method": "email", "email": "budi@example.id", "phone": "081234567890"}
    values.update(extra)
    return RequestSubmission(**values)


def request(now=None, actor=None, **extra):
    from balai.ppid.services import information_request_submit

    req, _secret = information_request_submit(submission=submission(**extra),
                                              documents=prepared_ktp(), actor=actor, now=now)
    return req


def form_data(**extra) -> dict:
    data = {"requester_kind": "perorangan", "name": "Budi Santoso", "nik": NIK,
            "legal_document_number": "", "address": "Jl. Kawi 12, Malang", "occupation": "",
            "phone": "", "email": "budi@example.id",
            "information": "Daftar menara telekomunikasi di Kota Malang tahun 2025.",
            "purpose": "Penelitian skripsi", "obtain_method": "softcopy",
            "delivery_method": "email", "idempotency_key": "", "website": ""}
    data.update(extra)
    return data


def decision_data(**extra):
    from balai.ppid.services import DecisionData

    values = {"is_held": True, "outcome": "sebagian",
              "exemption": "17h", "consequence_test": "Membuka nama pemilik lahan menara "
              "mengungkap data pribadi; kepentingan publik terpenuhi tanpa nama itu.",
              "given": "Daftar 120 menara dengan lokasi, tinggi dan operator.",
              "withheld": "Nama dan NIK pemilik lahan", "withheld_reason": "Data pribadi "
              "(Pasal 17 huruf h).", "form": "softcopy", "delivery": "email",
              "cost": 0, "payment": ""}
    values.update(extra)
    return DecisionData(**values)
