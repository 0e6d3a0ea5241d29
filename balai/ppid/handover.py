"""The berita acara of handover (serah terima informasi publik): the record both sides sign
when the information is handed over, filled in from the recorded handover or, before it
is recorded, from the written notice (printed for signing at the desk)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from balai.documents.text import hari_indonesia, tanggal_indonesia, terbilang
from balai.lib.money import rupiah

TEMPLATE = Path(__file__).resolve().parent / "templates" / "ppid" / "typst" / "berita_acara.typ"
# The record is in Bahasa Indonesia whatever the officer's language: it is an official
# document signed on paper.
METHOD_ID = {"ambil": "diambil langsung", "email": "dikirim melalui surat elektronik",
             "pos": "dikirim melalui pos atau kurir", "faksimili": "dikirim melalui faksimili"}
FORM_ID = {"melihat": "melihat/membaca/mencatat", "softcopy": "salinan elektronik (softcopy)",
           "hardcopy": "salinan tercetak (hardcopy)"}


def berita_acara_data(req, *, officer) -> dict:
    """What the berita acara says, as plain strings (Typst reads them as text)."""
    from balai.documents.render import place  # noqa: PLC0415 — typst is heavy

    decision = req.decision
    handover = getattr(req, "handover", None)
    day = handover.handed_over_on if handover else timezone.localdate()
    paid = sum(p.amount for p in req.copy_payments.all())
    requester = req.name
    if req.representative_name:
        requester = f"{req.representative_name}, kuasa dari {req.name}"
    inst = settings.BALAI_INSTALLATION
    notice = decision.notice
    return {
        "title": "BERITA ACARA SERAH TERIMA INFORMASI PUBLIK",
        "opening": (f"Pada hari ini, {hari_indonesia(day)}, tanggal {tanggal_indonesia(day)}, "
                    "kami yang bertanda tangan di bawah ini:"),
        "first": [["Nama", officer.get_full_name() or officer.email],
                  ["Jabatan", f"Petugas PPID {inst.get('office_name', '')}".strip()]],
        "second": [["Nama", handover.received_by if handover else requester],
                   ["Alamat", req.address],
                   ["Nomor permohonan", req.code]],
        "statement": (
            "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari "
            "PIHAK PERTAMA, informasi publik sebagaimana permohonan nomor "
            f"{req.code} tanggal {tanggal_indonesia(timezone.localdate(req.received_at))}"
            + (f" dan pemberitahuan tertulis nomor {notice.number.full_number}" if notice else "")
            + f" tanggal {tanggal_indonesia(timezone.localdate(decision.decided_at))}, "
            "dengan rincian sebagai berikut:"),
        "rows": [
            ["Informasi yang diserahkan", handover.items if handover else decision.given],
            ["Bentuk", FORM_ID.get(decision.form or req.obtain_method, "")],
            ["Cara penyerahan", METHOD_ID.get(handover.method if handover
                                              else decision.delivery or req.delivery_method,
                                              "")],
            ["Biaya salinan yang dibayar",
             f"{rupiah(paid)} ({terbilang(paid)} rupiah)" if paid else "tidak ada (gratis)"],
        ],
        "closing": ("Demikian berita acara ini dibuat dengan sebenarnya dalam rangkap dua, "
                    "masing-masing untuk PIHAK PERTAMA dan PIHAK KEDUA."),
        "basis": "UU 14/2008 Pasal 21 dan 22; Perki 1/2021.",
        "place_date": f"{place()}, {tanggal_indonesia(day)}".lstrip(", "),
        "officer": officer.get_full_name() or officer.email,
        "requester": handover.received_by if handover else requester,
    }


def berita_acara_pdf(req, *, officer) -> bytes:
    from balai.documents.render import typst_pdf  # noqa: PLC0415 — typst is heavy

    return typst_pdf(TEMPLATE, berita_acara_data(req, officer=officer), letterhead=True)
