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
