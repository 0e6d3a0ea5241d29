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
