"""Demo PPID: DIP entries and ~60 made-up requests in every state, through the services.

Requests are received at made-up times over the last weeks and walked through the real
services (clock, delegation, extension, decision with a signed notice, keberatan, one
sengketa), so the queues, registers, annual report and archive all have something to
show. Names, NIKs and KTP images are made up; the mail they queue is removed.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from balai.accounts.models import Role, User
from balai.agencies.models import Agency, Membership
from balai.core.calendar import get_work_calendar
from balai.demo.history import Loaded, at, happened_at, sweep_on_the_days, workdays_ago
from balai.lib.workdays import add_workdays, alarms
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.files import DELIVERY_TYPES, prepare_upload
from balai.ppid.models import Decision, DipEntry, Dispute, InformationRequest, Objection

DIP = [
    # class, title, agency, summary, forms, year
    ("berkala", "Laporan Keuangan Pemerintah Kota Malang 2025", "diskominfo",
     "Neraca, laporan realisasi anggaran dan catatan atas laporan keuangan.", "PDF", 2025),
    ("berkala", "Rencana Strategis Dinas PUPR 2025–2029", "pupr",
     "Tujuan, sasaran, program dan indikator kinerja lima tahun.", "PDF", 2025),
    ("berkala", "Laporan Kinerja Instansi Pemerintah (LKjIP) DLH 2025", "dlh",
     "Capaian indikator kinerja utama Dinas Lingkungan Hidup.", "PDF", 2026),
    ("berkala", "Daftar Informasi Publik Kota Malang", "diskominfo",
     "Daftar ini, yang diperbarui setiap semester.", "Web, PDF", 2026),
    ("serta_merta", "Peringatan dini banjir dan titik genangan", "bpbd",
     "Informasi yang mengancam hajat hidup orang banyak: peta genangan dan jalur evakuasi.",
     "Web, media sosial", 2026),
    ("serta_merta", "Informasi kasus demam berdarah per kelurahan", "dinkes",
     "Jumlah kasus mingguan dan lokasi fogging.", "Web", 2026),
    ("setiap_saat", "Daftar menara telekomunikasi dan operatornya", "diskominfo",
     "Lokasi, tinggi, jenis menara dan operator penyewa.", "XLSX", 2025),
    ("setiap_saat", "Standar pelayanan perizinan reklame", "pupr",
     "Persyaratan, prosedur, waktu dan biaya layanan.", "PDF", 2024),
    ("setiap_saat", "Perjanjian kerja sama pengangkutan sampah", "dlh",
     "Perjanjian dengan pihak ketiga beserta nilai kontrak.", "PDF", 2025),
    ("setiap_saat", "Rencana kerja dan anggaran Dishub 2026", "dishub",
     "Program, kegiatan dan pagu anggaran tahun berjalan.", "PDF", 2026),
    ("setiap_saat", "Prosedur pengaduan masyarakat", "diskominfo",
     "Alur pengaduan, waktu verifikasi dan tindak lanjut.", "Web", 2026),
    ("dikecualikan", "Data rekam medis pasien puskesmas", "dinkes", "", "", 2026),
    ("dikecualikan", "Dokumen penyelidikan pelanggaran perda", "satpolpp", "", "", 2026),
]
EXEMPT = {
    "Data rekam medis pasien puskesmas": (
        "17h", "Keputusan PPID Kota Malang Nomor 500.12/12/35.73.102/2026",
        "Membuka rekam medis mengungkap rahasia pribadi pasien (Pasal 17 huruf h angka 2); "
        "kepentingan publik atas layanan kesehatan terpenuhi lewat data agregat."),
    "Dokumen penyelidikan pelanggaran perda": (
        "17a", "Keputusan PPID Kota Malang Nomor 500.12/13/35.73.102/2026",
        "Membuka dokumen penyelidikan yang berjalan dapat menghambat penegakan perda; "
        "dikecualikan sampai perkara selesai."),
}
NAMES = ["Ahmad Fauzi", "Sri Wahyuni", "Bambang Hermawan", "Dian Puspita", "Eko Saputro",
         "Fitria Handayani", "Galih Pratama", "Hana Safitri", "Irfan Maulana", "Juwita Sari",
         "Kurniawan", "Lina Marlina", "Muhammad Rizki", "Novi Anggraini", "Oki Setiawan"]
INFORMATION = [
    ("Daftar menara telekomunikasi di Kecamatan Lowokwaru beserta operatornya.",
     "Penelitian skripsi tentang tata ruang menara."),
    ("Rincian anggaran pemeliharaan jalan Kota Malang tahun 2025.",
     "Pengawasan anggaran oleh organisasi masyarakat sipil."),
    ("Data volume sampah harian per TPS tahun 2025.", "Bahan liputan media lokal."),
    ("Salinan perjanjian kerja sama parkir tepi jalan umum.", "Kajian kebijakan perparkiran."),
    ("Jadwal dan lokasi fogging demam berdarah bulan ini.", "Informasi untuk warga RW."),
    ("Daftar penerima hibah bantuan sosial 2025.", "Pemantauan penyaluran bantuan."),
    ("Hasil uji kualitas air sungai Brantas di wilayah kota.", "Tugas kuliah lingkungan."),
    ("Rekapitulasi pengaduan jalan rusak per kecamatan 2025.", "Penelitian layanan publik."),
]
# Every state first (so a small demo still shows each), then the mix of a busy office.
KINDS = ["diterima", "dibatalkan", "diproses", "delegasi", "diperpanjang", "terlambat", "diberikan",
         "sebagian", "ditolak", "tidak_dikuasai", "keberatan", "keberatan_diputus",
         "sengketa", "selesai", "dilaksanakan", "keberatan_dilaksanakan"]
MIX = (["diterima"] * 6 + ["dibatalkan"] + ["diproses"] * 5 + ["delegasi"] * 3
       + ["diperpanjang"] * 2 + ["terlambat"] * 3 + ["diberikan"] * 11 + ["sebagian"] * 6
       + ["ditolak"] * 4 + ["tidak_dikuasai"] * 2 + ["keberatan"] * 2
       + ["keberatan_diputus"] * 2)


def load_dip() -> int:
    agencies = {a.code: a for a in Agency.objects.all()}
    for cls, title, agency, summary, forms, year in DIP:
        exemption, decree, test = EXEMPT.get(title, ("", "", ""))
        DipEntry.objects.update_or_create(title=title, defaults={
            "information_class": cls, "agency": agencies[agency], "summary": summary,
            "available_forms": forms, "year": year, "responsible": "Sekretaris",
            "made_when": str(year), "made_where": "Kota Malang", "retention": "5 tahun",
            "exemption": exemption, "exemption_decree": decree, "consequence_test": test})
    return len(DIP)


def _ktp(rng: random.Random):
    img = Image.new("RGB", (480, 300), (70, 110, 170))
    draw = ImageDraw.Draw(img)
    draw.rectangle([20, 60, 140, 220], fill=(220, 220, 220))
    for row in range(6):
        draw.rectangle([170, 60 + row * 26, 170 + rng.randint(120, 280), 72 + row * 26],
                       fill=(240, 240, 240))
    draw.text((20, 20), "SPESIMEN KTP DEMO", fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return {"ktp": prepare_upload(SimpleUploadedFile("ktp.jpg", out.getvalue()), label="KTP")}


def _sheet():
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    book.active.append(["No", "Lokasi", "Keterangan"])
    for n in range(1, 6):
        book.active.append([n, f"Lokasi contoh {n}", "Data demo"])
    out = io.BytesIO()
    book.save(out)
    return prepare_upload(SimpleUploadedFile("data-demo.xlsx", out.getvalue()), label="data",
                          max_bytes=10 * 1024 * 1024, allowed=DELIVERY_TYPES)


def _nik(rng: random.Random) -> str:
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    month, year, serial = rng.randint(1, 12), rng.randint(60, 99), rng.randint(1, 9999)
    return f"357305{day:02d}{month:02d}{year:02d}{serial:04d}"


def load_requests(*, count: int = 60, seed: int = 2026, stdout=None) -> Loaded:
    """Create `count` made-up requests through the services, unless there are some."""
    loaded = Loaded()
    if InformationRequest.objects.exists():
        return loaded
    rng = random.Random(seed)
    cal = get_work_calendar()
    today = timezone.localdate()
    officer = User.objects.filter(role=Role.PETUGAS_PPID, memberships__agency__code="diskominfo"
                                  ).first() or User.objects.filter(role=Role.PETUGAS_PPID).first()
    atasan = User.objects.filter(role=Role.ATASAN_PPID).first()
    pembantu_agencies = list(Agency.objects.filter(
        memberships__role=Membership.Role.PPID_OFFICER).exclude(code="diskominfo").distinct()) \
        or list(Agency.objects.filter(code__in=["pupr", "dlh"]))
    kinds = (KINDS + MIX * (count // len(MIX) + 1))[:count]

    for index, kind in enumerate(kinds):
        age = {"diterima": rng.randint(0, 2), "diproses": rng.randint(2, 7),
               "delegasi": rng.randint(2, 7), "diperpanjang": rng.randint(7, 9),
               "terlambat": rng.randint(13, 20), "keberatan": rng.randint(20, 30),
               "keberatan_diputus": rng.randint(30, 40), "sengketa": rng.randint(25, 30),
               "selesai": rng.randint(30, 35), "dilaksanakan": rng.randint(22, 28),
               "keberatan_dilaksanakan": rng.randint(30, 40)}.get(kind, rng.randint(12, 45))
        received = at(workdays_ago(age, today=today, calendar=cal), rng.randint(7, 15),
                      rng.randint(0, 59))
        info, purpose = rng.choice(INFORMATION)
        submission = services.RequestSubmission(
            requester_kind="perorangan", name=f"{rng.choice(NAMES)} (demo)", nik=_nik(rng),
            address=f"Jl. Contoh No. {rng.randint(1, 200)}, Malang", information=info,
            purpose=purpose, obtain_method=rng.choice(["softcopy", "softcopy", "hardcopy"]),
            delivery_method=rng.choice(["email", "email", "ambil"]),
            email=f"pemohon{index}@demo.balai.id", occupation=rng.choice(
                ["Mahasiswa", "Wiraswasta", "Wartawan", "Peneliti", ""]))
        with happened_at(received, InformationRequest):
            req, _secret = services.information_request_submit(
                submission=submission, documents=_ktp(rng), now=received)
        _advance(req, kind, rng, cal, today, officer, atasan, pembantu_agencies, received)
        loaded.created += 1
        if kind == "terlambat":
            loaded.late.append(req.code)
        if stdout and loaded.created % 20 == 0:
            stdout.write(f"  {loaded.created} demo information requests…")
    from balai.ppid.clock import ppid_deadline_sweep, ppid_objection_sweep  # noqa: PLC0415

    sweep_on_the_days(ppid_deadline_sweep, InformationRequest,
                      lambda req, entry: _alarm_day(req, entry, cal))
    sweep_on_the_days(ppid_objection_sweep, Objection,
                      lambda objection, entry: _objection_alarm_day(objection, entry, cal))
    Outbox.objects.filter(content_type=ContentType.objects.get_for_model(
        InformationRequest)).delete()  # demo mail is never sent
    return loaded


def _alarm_day(req: InformationRequest, entry, cal):
    """The day the reminder (80 %) or the overdue flag of `req`'s clock fell."""
    when = alarms(start=req.alarm_start, due=req.due_date, calendar=cal)
    return when.overdue_on if entry.action == "ppid.overdue" else when.warn_on


def _objection_alarm_day(objection: Objection, entry, cal):
    """The day the atasan PPID's reminder (80 %) or overdue flag fell."""
    start = date.fromisoformat(objection.deadline_facts["decision"]["start"])
    when = alarms(start=start, due=objection.due_date, calendar=cal)
    return when.overdue_on if entry.action == "ppid.objection_overdue" else when.warn_on


def _step(moment: datetime, rng: random.Random) -> datetime:
    """A little later the same day, never in the future."""
    return min(moment + timedelta(minutes=rng.randint(15, 120)), timezone.now())


def _advance(req, kind, rng, cal, today, officer, atasan, pembantu_agencies,
             received: datetime) -> None:
    """Walk a new request through the services to its target state, each step dated."""
    if kind == "dibatalkan":
        when = at(add_workdays(timezone.localdate(received), 1, cal), 10)
        with happened_at(when):
            services.information_request_withdraw(
                request=req, now=when,
                reason="Sudah mendapat data dari sumber lain (data demo).")
        return
    taken = _step(received, rng)
    if kind in ("diterima", "terlambat"):
        if kind == "terlambat":
            with happened_at(taken):
                services.information_request_take(request=req, actor=officer)
        return
    if kind in ("delegasi", "diperpanjang") or rng.random() < 0.2:
        with happened_at(taken):
            services.information_request_delegate(request=req,
                                                  agency=rng.choice(pembantu_agencies),
                                                  note="Mohon disiapkan (data demo).",
                                                  actor=officer)
        InformationRequest.objects.filter(pk=req.pk).update(delegated_at=taken)
    else:
        with happened_at(taken):
            services.information_request_take(request=req, actor=officer)
    if kind == "diperpanjang":
        req.refresh_from_db()
        extended = at(min(req.due_date, today), 9)
        with happened_at(extended):
            services.information_request_extend(
                request=req, actor=officer, now=extended,
                reason="Data tersebar di beberapa bidang dan perlu dihimpun (data demo).")
    if kind in ("diproses", "delegasi", "diperpanjang"):
        return
    decided_on = min(add_workdays(req.clock_start, rng.randint(2, 9), cal), today)
    decided_at = max(at(decided_on, 14), taken)
    outcome = {"keberatan": "sebagian", "keberatan_diputus": "ditolak", "sengketa": "ditolak",
               "selesai": "sebagian", "dilaksanakan": "sebagian",
               "keberatan_dilaksanakan": "sebagian"}.get(kind, kind)
    with happened_at(decided_at, Decision):
        services.information_request_decide(
            request=req, data=_decision(outcome, req), actor=officer, now=decided_at,
            # A softcopy grant comes with its file (decision_problems).
            files=[_sheet()] if outcome in ("diberikan", "sebagian")
            and (rng.random() < 0.5 or outcome == "diberikan") else [])
    if outcome in ("diberikan", "sebagian") and rng.random() < 0.7:
        with happened_at(_step(decided_at, rng)):
            services.information_request_publish(request=req, actor=officer,
                                                 summary=req.information.split(" beserta")[0])
    if kind in ("diberikan", "sebagian", "ditolak", "tidak_dikuasai"):
        return
    filed_on = min(add_workdays(decided_on, rng.randint(1, 3), cal), today)
    filed_at = max(at(filed_on, 10), decided_at)
    with happened_at(filed_at, Objection):
        objection = services.objection_file(
            request=req, grounds=["35_1a"], ground_date=decided_on, now=filed_at,
            case_summary="Bagian yang dikecualikan seharusnya dapat dibuka (data demo).")
    if kind == "keberatan":
        return
    decided = min(add_workdays(filed_on, rng.randint(3, 8), cal), today)
    if kind in ("sengketa", "selesai", "dilaksanakan"):
        # Recent, so the dispute (or the PPID's new notice) is still under way today.
        decided = today - timedelta(days=2 if kind != "selesai" else 1)
        while not cal.is_workday(decided):
            decided -= timedelta(days=1)
        decided = max(decided, filed_on)
    objection_decided = max(at(decided, 15), filed_at)
    if kind in ("dilaksanakan", "keberatan_dilaksanakan"):
        _carry_out(req, objection, kind, rng, cal, today, officer, atasan, objection_decided)
        return
    with happened_at(objection_decided):
        services.objection_decide(objection=objection, outcome="ditolak", actor=atasan,
                                  now=objection_decided,
                                  reasons="Pengecualian telah melalui uji konsekuensi yang "
                                          "memadai (data demo).")
    if kind == "keberatan_diputus":
        return
    disputed = max(at(today, 9), objection_decided)
    with happened_at(disputed, Dispute):
        dispute = services.dispute_record(request=req, filed_by="pemohon", filed_on=today,
                                          commission="Komisi Informasi Provinsi Jawa Timur",
                                          actor=officer)
        services.dispute_update(dispute=dispute, stage="teregistrasi", actor=officer,
                                registration_number=f"{req.pk:03d}/KI-JATIM-PS/DEMO")
        if kind == "sengketa":
            services.dispute_update(dispute=dispute, stage="mediasi", actor=officer,
                                    settlement_started_on=today,
                                    mediation_result="Mediasi dijadwalkan (data demo).")
            return
        services.dispute_update(dispute=dispute, stage="diputus", actor=officer,
                                decision_date=today,
                                decision_summary="Permohonan sengketa ditolak (data demo).")


def _carry_out(req, objection, kind, rng, cal, today, officer, atasan,
               decided_at: datetime) -> None:
    """The atasan upholds the keberatan against the partial refusal; the PPID then owes a
    revised notice (still owed for "dilaksanakan", given a few working days later for
    "keberatan_dilaksanakan")."""
    with happened_at(decided_at):
        services.objection_decide(objection=objection, outcome="dikabulkan", actor=atasan,
                                  now=decided_at,
                                  reasons="Nama pemilik lahan milik daerah adalah informasi "
                                          "publik dan harus dibuka (data demo).")
    if kind == "dilaksanakan":
        return
    revised_on = min(add_workdays(timezone.localdate(decided_at), rng.randint(2, 6), cal),
                     today)
    revised_at = max(at(revised_on, 11), decided_at + timedelta(minutes=30))
    req.refresh_from_db()
    with happened_at(revised_at, Decision):
        services.information_request_decide(request=req, data=_decision("diberikan"),
                                             actor=officer, now=revised_at, files=[_sheet()])


def _decision(outcome: str, req=None):
    """The written notice; the information in the form the requester asked for (a paper
    copy is collected at the desk, a softcopy sent by e-mail)."""
    paper = req is not None and req.obtain_method == "hardcopy"
    held = outcome != "tidak_dikuasai"
    refused = outcome in ("sebagian", "ditolak")
    given = outcome in ("diberikan", "sebagian")
    return services.DecisionData(
        is_held=held, outcome=outcome,
        holder="" if held else "Badan Pertanahan Nasional Kota Malang",
        exemption="17h" if refused else "",
        consequence_test="Membuka data ini mengungkap data pribadi pihak ketiga; kepentingan "
                         "publik terpenuhi tanpa data tersebut (data demo)." if refused else "",
        given="Data yang diminta dalam bentuk tabel (data demo)." if given else "",
        withheld="Nama dan NIK pihak ketiga" if outcome == "sebagian" else "",
        withheld_reason="Data pribadi (Pasal 17 huruf h)." if outcome == "sebagian" else "",
        form=("hardcopy" if paper else "softcopy") if given else "",
        delivery=("ambil" if paper else "email") if given else "")
