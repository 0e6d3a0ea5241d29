"""The PPID's monev checklist in the demo city: most items in order, a few real gaps.

The story, counted back from today: the PPID profile was refreshed two months ago; the
city's financial report five and a half months ago (amber: due again within the month);
the DLH performance report seven months ago (out of date, and the PPID was told on the
day); nothing yet for "other information regulated". Of the at-any-time items the open
meetings and the access-service report are not yet marked. The investigation file's
17(a) exemption ends in three weeks (to be reviewed)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from balai.accounts.models import Role, User
from balai.agencies.models import Agency
from balai.ppid.models import BerkalaItem, DipEntry, InformationClass, SetiapSaatItem
from balai.ppid.monev import add_months
from balai.ppid.services import dip_entry_update
from balai.ppid.services.monev import (
    announcement_create,
    announcement_publish,
    announcement_withdraw,
    berkala_item_link,
    ppid_berkala_sweep,
    setiap_saat_item_update,
)

PROFILE = "Profil PPID dan struktur organisasi Pemerintah Kota Malang"
FINANCE = "Laporan Keuangan Pemerintah Kota Malang 2025"
PERFORMANCE = "Laporan Kinerja Instansi Pemerintah (LKjIP) DLH 2025"
INVESTIGATION = "Dokumen penyelidikan pelanggaran perda"

# berkala item code -> (DIP entry titles, (months, days) since its last update)
BERKALA = {
    "profil": ([PROFILE, "Daftar Informasi Publik Kota Malang"], (2, 0)),
    "laporan-keuangan": ([FINANCE], (5, 15)),
    "kegiatan-kinerja": ([PERFORMANCE, "Rencana Strategis Dinas PUPR 2025–2029"], (7, 0)),
}
# setiap saat item code -> (DIP entry titles, link)
SETIAP_SAAT = {
    "dip": (["Daftar Informasi Publik Kota Malang"], ""),
    "keputusan": ([], "https://jdih.malangkota.go.id/"),
    "kebijakan": ([], "https://jdih.malangkota.go.id/produk-hukum/peraturan-wali-kota"),
    "rencana-kerja": (["Rencana kerja dan anggaran Dishub 2026"], ""),
    "perjanjian": (["Perjanjian kerja sama pengangkutan sampah"], ""),
    "prosedur-kerja": (["Prosedur pengaduan masyarakat",
                        "Standar pelayanan perizinan reklame"], ""),
}


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def load_monev() -> int:
    """Link the checklists to the demo DIP (once), backdate the updates the story tells,
    and run the berkala sweep as the worker would have on its day. Returns items linked."""
    if BerkalaItem.objects.filter(dip_entries__isnull=False).exists():
        return 0
    officer = (User.objects.filter(email="ppid@demo.balai.id").first()
               or User.objects.filter(role=Role.PETUGAS_PPID).first())
    today = timezone.localdate()
    profile, _ = DipEntry.objects.get_or_create(title=PROFILE, defaults={
        "information_class": InformationClass.BERKALA,
        "agency": Agency.objects.get(code="diskominfo"), "year": today.year,
        "summary": "Visi, misi, struktur PPID utama dan PPID pembantu, kontak layanan.",
        "available_forms": "Web, PDF", "responsible": "PPID Utama",
        "made_where": "Kota Malang", "retention": "Selama berlaku"})
    entries = {e.title: e for e in DipEntry.objects.all()}
    linked = 0
    for code, (titles, (months, days)) in BERKALA.items():
        chosen = [entries[t] for t in titles if t in entries]
        updated = _at(add_months(today, -months) - timedelta(days=days))
        DipEntry.objects.filter(pk__in=[e.pk for e in chosen]).update(
            created_at=updated - timedelta(days=30), updated_at=updated)
        berkala_item_link(item=BerkalaItem.objects.get(code=code), entries=chosen,
                          actor=officer)
        linked += 1
    for code, (titles, url) in SETIAP_SAAT.items():
        setiap_saat_item_update(item=SetiapSaatItem.objects.get(code=code),
                                entries=[entries[t] for t in titles if t in entries],
                                url=url, actor=officer)
        linked += 1
    investigation = entries.get(INVESTIGATION)
    if investigation is not None:
        dip_entry_update(entry=investigation, data={"exempt_until": today + timedelta(days=21)},
                         actor=officer)
    # Heavy rain three weeks ago: a flood warning, published at once, withdrawn two days
    # later when the water receded; the dengue alert of last week still stands.
    flood = announcement_create(
        title="Peringatan dini banjir: genangan di Jalan Soekarno-Hatta dan Sulfat",
        body="Hujan deras sejak pukul 14.00. Hindari ruas Soekarno-Hatta dan Sulfat; "
             "jalur evakuasi melalui Jalan Borobudur. Hubungi BPBD 112.", actor=officer)
    flood_at = _at(today - timedelta(days=21)).replace(hour=15, minute=5)
    announcement_publish(announcement=flood, actor=officer, now=flood_at)
    announcement_withdraw(announcement=flood, actor=officer, now=flood_at + timedelta(days=2),
                          reason="Genangan telah surut dan jalan dibuka kembali.")
    dengue = announcement_create(
        title="Kewaspadaan demam berdarah di Kelurahan Sawojajar dan Lesanpuro",
        body="Kasus DBD naik dua kali lipat dalam dua minggu. Fogging dijadwalkan Sabtu; "
             "lakukan 3M Plus dan segera periksa ke puskesmas bila demam.", actor=officer)
    announcement_publish(announcement=dengue, actor=officer,
                         now=_at(today - timedelta(days=6)))
    # The worker warned the PPID the day the performance report went out of date.
    stale = BerkalaItem.objects.get(code="kegiatan-kinerja").stale_on
    ppid_berkala_sweep(now=_at(stale))
    return linked


# The service documents, in the order the PPID adopted them: the charter and two SOPs when
# the PPID was set up, the fees a year ago, the exemption and DIP decrees in February.
SERVICE_DOCUMENTS = (
    ("maklumat", "Maklumat Pelayanan Informasi Publik Pemerintah Kota Malang",
     "800/15/35.73.112/2025", 700,
     "Kami sanggup memberikan informasi publik sesuai standar layanan; apabila tidak, kami "
     "siap menerima sanksi sesuai peraturan."),
    ("sop", "SOP Pelayanan Permohonan Informasi Publik", "000.8.3.3/21/35.73.112/2025", 690,
     "Dari pendaftaran permohonan sampai pemberitahuan tertulis dalam 10 hari kerja."),
    ("sop", "SOP Penanganan Keberatan atas Informasi Publik", "000.8.3.3/22/35.73.112/2025",
     690, "Pendaftaran keberatan, tanggapan atasan PPID dalam 30 hari kerja."),
    ("biaya", "Keputusan PPID Utama tentang Biaya Salinan Informasi Publik",
     "188.45/7/35.73.112/2025", 400, "Biaya hanya untuk penggandaan dan pengiriman; "
     "salinan elektronik tidak dipungut biaya."),
    ("pengecualian", "Keputusan PPID Utama tentang Informasi yang Dikecualikan",
     "188.45/3/35.73.112/2026", 300, "Hasil uji konsekuensi atas informasi yang "
     "dikecualikan, dengan jangka waktu pengecualiannya."),
    ("penetapan_dip", "Keputusan PPID Utama tentang Penetapan Daftar Informasi Publik",
     "188.45/4/35.73.112/2026", 300, "Daftar informasi publik Pemerintah Kota Malang."),
)
FEES = (("Salinan elektronik (PDF/XLSX) melalui surel", "softcopy", "berkas", 0),
        ("Fotokopi A4/F4 hitam-putih", "kertas", "lembar", 500),
        ("Cetak berwarna A4", "kertas", "lembar", 1500),
        ("CD/DVD berisi salinan", "media", "keping", 10000))


def load_service_documents() -> int:
    """The PPID's service documents and fee schedule (once); the investigation file's
    exemption is listed in the exemption decree, whose review falls due in three weeks: the
    worker reminded the PPID thirty days before. Returns the documents added."""
    from balai.ppid.models import ServiceDocument  # noqa: PLC0415
    from balai.ppid.services import (  # noqa: PLC0415
        exemption_review_sweep,
        fee_item_add,
        service_document_save,
    )

    if ServiceDocument.objects.exists():
        return 0
    officer = (User.objects.filter(email="ppid@demo.balai.id").first()
               or User.objects.filter(role=Role.PETUGAS_PPID).first())
    today = timezone.localdate()
    added = {}
    for kind, title, number, days_ago, summary in SERVICE_DOCUMENTS:
        added[kind] = service_document_save(document=None, actor=officer, data={
            "kind": kind, "title": title, "number": number,
            "issued_on": today - timedelta(days=days_ago), "summary": summary,
            "issued_by": "Sekretaris Daerah selaku Atasan PPID" if kind == "maklumat"
            else "PPID Utama Kota Malang", "is_published": True})
    for position, (name, medium, unit, amount) in enumerate(FEES, start=1):
        fee_item_add(decision=added["biaya"], actor=officer, data={
            "name": name, "medium": medium, "unit": unit, "amount": amount,
            "position": position})
    decree = added["pengecualian"]
    for entry in DipEntry.objects.filter(information_class=InformationClass.DIKECUALIKAN):
        dip_entry_update(entry=entry, data={"decree": decree}, actor=officer)
    decree = service_document_save(document=decree, actor=officer, data={"review_on": None})
    if decree.review_on:
        exemption_review_sweep(now=_at(decree.review_on - timedelta(days=30)))
    return len(added)


def load_handovers(*, limit: int = 4) -> int:
    """Payments and handovers for a few granted requests, each on the first working day
    after its written notice (never after today): paper copies paid at the desk, softcopies
    sent by e-mail for free."""
    from balai.core.calendar import get_work_calendar  # noqa: PLC0415
    from balai.lib.workdays import add_workdays  # noqa: PLC0415
    from balai.ppid.models import FeeItem, Handover, InformationRequest  # noqa: PLC0415
    from balai.ppid.selectors import GIVEN_OUTCOMES, fee_schedule_in_force  # noqa: PLC0415
    from balai.ppid.services import copy_payment_record, handover_record  # noqa: PLC0415

    if Handover.objects.exists():  # loaded once: a second `balai demo` adds nothing
        return 0
    officer = (User.objects.filter(email="ppid@demo.balai.id").first()
               or User.objects.filter(role=Role.PETUGAS_PPID).first())
    today = timezone.localdate()
    cal = get_work_calendar()
    done = 0
    candidates = (InformationRequest.objects
                  .filter(decision__outcome__in=GIVEN_OUTCOMES, handover__isnull=True)
                  .select_related("decision").order_by("received_at"))
    for req in candidates:
        if done >= limit:
            break
        day = add_workdays(timezone.localdate(req.decision.decided_at), 1, cal)
        if day > today:
            continue
        schedule = fee_schedule_in_force(on=day)
        paper = req.decision.form == "hardcopy"
        if paper and schedule is not None:
            sheets = 12 + 7 * done
            copy_payment_record(request=req, fee_item=schedule.fee_items.get(
                medium=FeeItem.Medium.PAPER, amount=500), quantity=sheets, paid_on=day,
                receipt_number=f"KW-PPID/{day.year}/{31 + done:04d}", actor=officer)
        handover_record(request=req, handed_over_on=day,
                        method="ambil" if paper else "email", received_by=req.name,
                        items=req.decision.given or req.information[:200], actor=officer)
        done += 1
    return done
