from __future__ import annotations

from balai.public_services.models import Service
from balai.public_services.services import StandardRows, service_save

COMPLETE = {
    "summary": "Penerbitan KTP-el bagi penduduk yang telah berusia 17 tahun.",
    "keywords": "e-KTP, kartu tanda penduduk",
    "duration_value": 1, "duration_unit": "hari_kerja", "fee_kind": "gratis",
    "product": "KTP-el", "complaint_channels": "SAMBAT: sambat.malangkota.go.id",
    "legal_basis": "UU 24/2013 tentang Administrasi Kependudukan\nPerpres 96/2018",
    "facilities": "Ruang tunggu ber-AC, nomor antrean",
    "disability_facilities": "Kursi roda, jalur landai, loket prioritas",
    "competence": "Operator bersertifikat SIAK", "supervision": "Kepala Bidang PIAK",
    "officers_count": 6, "service_guarantee": "Gratis dan selesai 1 hari kerja",
    "safety_guarantee": "Data pribadi dilindungi UU 27/2022",
    "evaluation": "Survei kepuasan tiap triwulan",
    "decree_number": "188.45/12/35.73.310/2025",
}


def rows(**kw) -> StandardRows:
    return StandardRows(
        requirements=kw.get("requirements", [("Kartu Keluarga", "fotokopi"),
                                             ("Surat pengantar RT/RW", "")]),
        steps=kw.get("steps", ["Ambil nomor antrean", "Perekaman sidik jari dan foto",
                               "KTP-el diambil"]),
        locations=kw.get("locations", [{"name": "Mal Pelayanan Publik Kota Malang",
                                        "counter": "Loket 3", "address": "Jl. Merdeka",
                                        "hours": "Senin–Jumat 08.00–15.00",
                                        "lat": None, "lng": None}]))


def service(agency, actor, *, name="Penerbitan KTP-el", slug="ktp-el", complete=True,
            **fields) -> Service:
    values = (COMPLETE if complete else {}) | fields
    return service_save(service=Service(agency=agency, name=name, slug=slug, **values),
                        rows=rows() if complete else rows(requirements=[], steps=[],
                                                          locations=[]),
                        actor=actor)
