"""The demo city: Kota Malang with its real boundaries, made-up roads, agencies and personas.

Everything here is demo data except the boundaries (cahyadsn/wilayah_boundaries, MIT;
see data/README.md). Loading is idempotent: a second run updates, never duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from balai.accounts.models import Role, User
from balai.accounts.services import user_create_staff
from balai.agencies.models import Agency, Membership
from balai.agencies.services import membership_grant
from balai.demo.history import Loaded

DATA_DIR = Path(__file__).resolve().parent / "data"
BOUNDARIES = DATA_DIR / "kota-malang.geojson"
ROADS = DATA_DIR / "kota-malang-roads.geojson"
DEMO_PASSWORD = "Balai-Demo-2026"  # noqa: S105 - printed for the demo, by design

L = Agency.Level
AGENCIES = [
    # code, name, short name, level, external, area code
    ("diskominfo", "Dinas Komunikasi dan Informatika Kota Malang", "Diskominfo", L.KOTA,
     False, "35.73"),
    ("pupr", "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman "
     "Kota Malang", "Dinas PUPR", L.KOTA, False, "35.73"),
    ("dlh", "Dinas Lingkungan Hidup Kota Malang", "DLH", L.KOTA, False, "35.73"),
    ("dishub", "Dinas Perhubungan Kota Malang", "Dishub", L.KOTA, False, "35.73"),
    ("satpolpp", "Satuan Polisi Pamong Praja Kota Malang", "Satpol PP", L.KOTA, False,
     "35.73"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah Kota Malang", "BPBD", L.KOTA, False,
     "35.73"),
    ("dinkes", "Dinas Kesehatan Kota Malang", "Dinkes", L.KOTA, False, "35.73"),
    # The finance office (PPKD): the revenue and financing lines of the demo budget.
    ("bpkad", "Badan Pengelola Keuangan dan Aset Daerah Kota Malang", "BPKAD", L.KOTA, False,
     "35.73"),
    ("kec-blimbing", "Kecamatan Blimbing", "Kec. Blimbing", L.KECAMATAN, False, "35.73.01"),
    ("kec-klojen", "Kecamatan Klojen", "Kec. Klojen", L.KECAMATAN, False, "35.73.02"),
    ("kec-kedungkandang", "Kecamatan Kedungkandang", "Kec. Kedungkandang", L.KECAMATAN,
     False, "35.73.03"),
    ("kec-sukun", "Kecamatan Sukun", "Kec. Sukun", L.KECAMATAN, False, "35.73.04"),
    ("kec-lowokwaru", "Kecamatan Lowokwaru", "Kec. Lowokwaru", L.KECAMATAN, False,
     "35.73.05"),
    ("dpu-bm-jatim", "Dinas Pekerjaan Umum Bina Marga Provinsi Jawa Timur",
     "Dinas PU Bina Marga Jatim", L.PROVINSI, True, "35"),
    ("bbpjn-jatim", "Balai Besar Pelaksanaan Jalan Nasional Jawa Timur–Bali", "BBPJN Jatim-Bali",
     L.NASIONAL, True, ""),
    ("dpupr-kab-malang", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Malang",
     "DPUPR Kab. Malang", L.KOTA, True, "35.07"),
    ("polresta-malang", "Kepolisian Resor Kota Malang Kota", "Polresta Malang Kota", L.OTHER,
     True, ""),
    # The rest of Kota Malang's OPDs and the Forkopimda and vertical bodies whose services the
    # directory lists (issue 18; demo/public_services.py).
    *[(code, name, short, L.KOTA, False, "35.73") for code, name, short in [
        ("dispendukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Malang",
         "Dispendukcapil"),
        ("disnaker-pmptsp", "Dinas Tenaga Kerja, Penanaman Modal dan Pelayanan Terpadu Satu "
         "Pintu Kota Malang", "Disnaker-PMPTSP"),
        ("dinsos", "Dinas Sosial, Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian "
         "Penduduk dan Keluarga Berencana Kota Malang", "Dinsos-P3AP2KB"),
        ("disdikbud", "Dinas Pendidikan dan Kebudayaan Kota Malang", "Disdikbud"),
        ("disporapar", "Dinas Kepemudaan, Olahraga dan Pariwisata Kota Malang", "Disporapar"),
        ("diskopindag", "Dinas Koperasi, Perindustrian dan Perdagangan Kota Malang",
         "Diskopindag"),
        ("dispangtan", "Dinas Ketahanan Pangan dan Pertanian Kota Malang", "DKPP"),
        ("dispussipda", "Dinas Perpustakaan Umum dan Arsip Daerah Kota Malang",
         "Dispussipda"),
        ("disperkim", "Dinas Perumahan dan Kawasan Permukiman Kota Malang", "Disperkim"),
        ("damkar", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Malang", "Damkar"),
        ("bapenda", "Badan Pendapatan Daerah Kota Malang", "Bapenda"),
        ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Malang",
         "BKPSDM"),
        ("barenlitbang", "Badan Perencanaan, Penelitian dan Pengembangan Kota Malang",
         "Barenlitbang"),
        ("bakesbangpol", "Badan Kesatuan Bangsa dan Politik Kota Malang", "Bakesbangpol"),
        ("inspektorat", "Inspektorat Kota Malang", "Inspektorat"),
        ("setda", "Sekretariat Daerah Kota Malang", "Setda"),
        ("setdprd", "Sekretariat DPRD Kota Malang", "Setwan"),
        ("rsud", "Rumah Sakit Umum Daerah Kota Malang", "RSUD Kota Malang"),
        ("puskesmas-kendalkerep", "UPT Puskesmas Kendalkerep", "Puskesmas Kendalkerep"),
        ("puskesmas-dinoyo", "UPT Puskesmas Dinoyo", "Puskesmas Dinoyo"),
        ("puskesmas-janti", "UPT Puskesmas Janti", "Puskesmas Janti"),
    ]],
    *[(code, name, short, level, True, "") for code, name, short, level in [
        ("kejari-malang", "Kejaksaan Negeri Kota Malang", "Kejari Kota Malang", L.OTHER),
        ("pn-malang", "Pengadilan Negeri Malang", "PN Malang", L.OTHER),
        ("pa-malang", "Pengadilan Agama Kota Malang", "PA Kota Malang", L.OTHER),
        ("bpn-malang", "Kantor Pertanahan Kota Malang (ATR/BPN)", "BPN Kota Malang",
         L.NASIONAL),
        ("kodim-0833", "Komando Distrik Militer 0833/Kota Malang", "Kodim 0833", L.OTHER),
        ("imigrasi-malang", "Kantor Imigrasi Kelas I TPI Malang", "Imigrasi Malang",
         L.NASIONAL),
        ("samsat-malang", "Kantor Bersama Samsat Kota Malang (UPT PPD Bapenda Jawa Timur)",
         "Samsat Kota Malang", L.PROVINSI),
        ("kemenag-malang", "Kantor Kementerian Agama Kota Malang", "Kemenag Kota Malang",
         L.NASIONAL),
        ("bpjs-kes-malang", "BPJS Kesehatan Kantor Cabang Malang", "BPJS Kesehatan Malang",
         L.NASIONAL),
    ]],
]
KECAMATAN_OFFICES = ["kec-blimbing", "kec-klojen", "kec-kedungkandang", "kec-sukun",
                     "kec-lowokwaru"]

M = Membership.Role
PERSONAS = [
    # e-mail, name (as signed on letters; the role is listed beside it), role,
    # [(agency code, membership role)]
    ("warga@demo.balai.id", "Siti Rahmawati", Role.WARGA, []),
    ("verifikator@demo.balai.id", "Budi Santoso", Role.VERIFIKATOR,
     [("diskominfo", M.MEMBER)]),
    ("petugas112@demo.balai.id", "Dewi Lestari", Role.PETUGAS_112,
     [("diskominfo", M.MEMBER)]),
    ("operator.pupr@demo.balai.id", "Agus Prasetyo", Role.OPERATOR_OPD,
     [("pupr", M.OPERATOR)]),
    ("operator.dlh@demo.balai.id", "Rina Wulandari", Role.OPERATOR_OPD,
     [("dlh", M.OPERATOR)]),
    ("kepala.pupr@demo.balai.id", "Ir. Hendra Wijaya", Role.KEPALA_OPD,
     [("pupr", M.HEAD)]),
    ("pemeriksa@demo.balai.id", "Lina Marlina", Role.OPERATOR_OPD,
     [("inspektorat", M.OPERATOR)]),
    ("trc@demo.balai.id", "Tim Reaksi Cepat", Role.TIM_REAKSI_CEPAT, [("bpbd", M.MEMBER)]),
    ("ppid@demo.balai.id", "Nur Aini", Role.PETUGAS_PPID,
     [("diskominfo", M.PPID_OFFICER)]),
    ("ppid.pupr@demo.balai.id", "Yusuf Hidayat", Role.PETUGAS_PPID,
     [("pupr", M.PPID_OFFICER)]),
    ("atasan.ppid@demo.balai.id", "Drs. Bambang Sutrisno", Role.ATASAN_PPID,
     [("diskominfo", M.HEAD)]),
    ("kadis@demo.balai.id", "Dr. Retno Anggraeni", Role.KEPALA_DINAS,
     [("diskominfo", M.HEAD)]),
    ("media@demo.balai.id", "Fajar Nugroho", Role.PETUGAS_MEDIA, [("diskominfo", M.MEMBER)]),
    ("tim.media@demo.balai.id", "Maya Kusumawati", Role.TIM_VERIFIKASI_MEDIA,
     [("diskominfo", M.MEMBER)]),
    # A KIM's own officer (the ketua of KIM Tlogomas): a citizen who keeps that KIM only.
    ("kim.tlogomas@demo.balai.id", "Ahmad Fauzi", Role.WARGA, []),
    ("admin@demo.balai.id", "Administrator balai", Role.ADMIN, []),
    # The second wave's registries (DESIGN.md §5a), all kept at Diskominfo.
    ("menara@demo.balai.id", "Rudi Hartono", Role.PETUGAS_MENARA,
     [("diskominfo", M.MEMBER)]),
    ("kim@demo.balai.id", "Lestari Handayani", Role.PETUGAS_KIM, [("diskominfo", M.MEMBER)]),
    ("surat@demo.balai.id", "Eko Saputra", Role.PETUGAS_SURAT, [("diskominfo", M.MEMBER)]),
    ("data@demo.balai.id", "Wahyu Setiawan", Role.WALIDATA, [("diskominfo", M.MEMBER)]),
    # Persuratan: Diskominfo's officials below the head (kadis@) and
    # the kabid IKP (ppid@); their chain of command is in demo/correspondence.py.
    ("kabid.aptika@demo.balai.id", "Ir. Taufik Hidayat, M.T.", Role.OPERATOR_OPD,
     [("diskominfo", M.MEMBER)]),
    ("humas@demo.balai.id", "Rizky Ramadhan", Role.OPERATOR_OPD, [("diskominfo", M.MEMBER)]),
    ("infopub@demo.balai.id", "Fitri Handayani", Role.OPERATOR_OPD,
     [("diskominfo", M.MEMBER)]),
    ("prakom@demo.balai.id", "Andi Saputra", Role.OPERATOR_OPD, [("diskominfo", M.MEMBER)]),
    ("jaringan@demo.balai.id", "Maya Sari", Role.OPERATOR_OPD, [("diskominfo", M.MEMBER)]),
    # The public portal (issue 18): an OPD's publication officer keeps that OPD's service
    # standards; Diskominfo's (the editor) keeps every OPD's.
    ("humas.dukcapil@demo.balai.id", "Yoga Pratama", Role.OPERATOR_OPD,
     [("dispendukcapil", M.PUBLICATION_OFFICER)]),
    ("redaksi@demo.balai.id", "Intan Permatasari", Role.OPERATOR_OPD,
     [("diskominfo", M.PUBLICATION_OFFICER)]),
]


@dataclass
class DemoReport:
    agencies: int = 0
    users_created: int = 0
    areas: str = ""
    roads: str = ""
    categories: int = 0
    complaints: int = 0
    ppid_requests: int = 0
    towers: int = 0
    letters: int = 0
    # Codes of the cases the story means to be past their deadline now.
    late: list[str] = field(default_factory=list)


# What the signing officers print under their signature (made-up NIPs of the right shape:
# birth date, appointment month, sex, serial).
SIGNATURES = {
    "ppid@demo.balai.id": ("Kepala Bidang Informasi dan Komunikasi Publik selaku PPID",
                           "198203142006042002", "Penata Tk. I (III/d)"),
    "ppid.pupr@demo.balai.id": ("PPID Pembantu Dinas Pekerjaan Umum dan Penataan Ruang",
                                "198906102014021001", "Penata Muda Tk. I (III/b)"),
    "atasan.ppid@demo.balai.id": ("Sekretaris Dinas Komunikasi dan Informatika selaku "
                                  "Atasan PPID", "197305211998031004", "Pembina Tk. I (IV/b)"),
    "menara@demo.balai.id": ("Kepala Bidang Infrastruktur Teknologi Informasi dan "
                             "Komunikasi", "198011232005011004", "Penata Tk. I (III/d)"),
    "kadis@demo.balai.id": ("Kepala Dinas Komunikasi dan Informatika", "197108151996022001",
                            "Pembina Utama Muda (IV/c)"),
}

def demo_is_loaded() -> bool:
    from balai.geo.models import Area  # noqa: PLC0415

    return (Agency.objects.filter(code="diskominfo").exists()
            and Area.objects.filter(code="35.73").exists()
            and User.objects.filter(email="admin@demo.balai.id").exists())


@transaction.atomic
def load_agencies() -> int:
    for code, name, short, level, external, area in AGENCIES:
        Agency.objects.update_or_create(code=code, defaults={
            "name": name, "short_name": short, "level": level, "is_external": external,
            "area_code": area, "email": f"{code}@demo.balai.id",
        })
    return len(AGENCIES)


@transaction.atomic
def load_personas() -> int:
    created = 0
    agencies = {a.code: a for a in Agency.objects.all()}
    for email, name, role, places in PERSONAS:
        user = User.objects.filter(email=email).first()
        if user is None:
            if role == Role.WARGA:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD,
                                                full_name=name, role=role,
                                                phone="081234567890")
            else:
                user = user_create_staff(email=email, password=DEMO_PASSWORD, full_name=name,
                                         role=role)
            created += 1
        for code, membership_role in places:
            membership_grant(user=user, agency=agencies[code], role=membership_role)
        if email in SIGNATURES:
            user.position, user.nip, user.rank = SIGNATURES[email]
            user.full_clean()
            user.save(update_fields=["position", "nip", "rank"])
    return created


def rollup_complaints() -> int:
    """The daily roll-up the worker keeps, built for every day of the demo's complaints, so
    the public performance tables (/pengaduan/kinerja/) show the demo's months at once."""
    from django.db.models import Min  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from balai.complaints.models import Complaint  # noqa: PLC0415
    from balai.complaints.rollup import complaints_rollup_rebuild  # noqa: PLC0415

    first = Complaint.objects.aggregate(at=Min("submitted_at"))["at"]
    if first is None:
        return 0
    return complaints_rollup_rebuild(timezone.localdate(first), timezone.localdate())


def load_demo_city(*, stdout=None, progress: bool = True) -> DemoReport:
    """Load (or refresh) Kota Malang: agencies, personas, boundaries and made-up roads."""
    from balai.demo.complaints import load_categories, load_complaints  # noqa: PLC0415
    from balai.demo.forwarding import load_forwarding  # noqa: PLC0415
    from balai.demo.lapor import load_lapor  # noqa: PLC0415
    from balai.demo.second_check import load_second_check  # noqa: PLC0415
    from balai.demo.towers import load_towers  # noqa: PLC0415
    from balai.geo.services import areas_import, roads_import  # noqa: PLC0415

    report = DemoReport()
    report.agencies = load_agencies()
    report.users_created = load_personas()
    report.areas = str(areas_import(BOUNDARIES, progress=progress, stdout=stdout))
    report.roads = str(roads_import(ROADS, progress=progress, stdout=stdout))
    report.categories = load_categories()
    complaints = load_complaints(stdout=stdout)
    load_forwarding()  # after the complaints: one of their forwards went over Open311
    load_lapor()  # and one went through SP4N-LAPOR!, which disposed two reports to us
    load_second_check()  # Inspektorat checks one category's answers; one waits for it
    requests = load_ppid(stdout=stdout)
    letters = load_correspondence()
    report.complaints, report.ppid_requests = complaints.created, requests.created
    report.towers = load_towers().created
    report.late = complaints.late + requests.late + letters.late
    load_kim()
    load_media_partnerships()
    load_budget()
    load_open_data()
    load_intake()
    load_portal()
    load_publications()  # after the directory, the DIP and the complaints it scores
    load_alerts()  # after the complaints, whose public steps they were alerted to
    rollup_complaints()  # last: the tower plates filed complaints too
    report.letters = letters.created
    return report


def load_intake() -> None:
    """WhatsApp conversations (two filed, one expired) and two e-mails for the front office."""
    from balai.demo.intake import load_intake as load  # noqa: PLC0415

    load()


def load_alerts() -> None:
    """Five alert subscriptions in every state (issue 20)."""
    from balai.demo.alerts import load_alerts as load  # noqa: PLC0415

    load()


def load_portal() -> None:
    """The service directory and its satisfaction survey (issue 18)."""
    from balai.demo.public_services import load_services, load_skm  # noqa: PLC0415

    load_services()
    load_skm()


def load_publications() -> None:
    """About 300 OPD posts and agenda items and the monthly publication score (issue 18)."""
    from balai.demo.publications import load_publications as load  # noqa: PLC0415

    load()


def load_media_partnerships() -> None:
    """40 media outlets in every verification state, the rate card, three OPDs' orders."""
    from balai.demo.media_partnerships import load_media  # noqa: PLC0415

    load_media()


def load_budget() -> None:
    """Two years of the APBD (generated to the real code structure) and its documents."""
    from balai.demo.budget import load_budget as load  # noqa: PLC0415

    load()


def load_open_data() -> None:
    """The datasets balai computes, and 25 made-up files of the demo's agencies."""
    from django.utils import timezone  # noqa: PLC0415

    from balai.demo.open_data import load_open_data as load  # noqa: PLC0415

    load(year=timezone.localdate().year)


def load_kim() -> None:
    """The eight KIM of Kota Malang with their sites, and their UMKM market."""
    from balai.demo.community_groups import load_kims  # noqa: PLC0415
    from balai.demo.market import load_market  # noqa: PLC0415

    load_kims()
    load_market()


def load_ppid(*, stdout=None) -> Loaded:
    """The DIP and the made-up information requests (DEMO_PPID_REQUESTS, default 60)."""
    from django.conf import settings  # noqa: PLC0415

    from balai.demo.ppid import load_dip, load_requests  # noqa: PLC0415
    from balai.demo.ppid_monev import (  # noqa: PLC0415
        load_handovers,
        load_monev,
        load_service_documents,
    )

    load_dip()
    load_monev()
    load_service_documents()
    loaded = load_requests(count=settings.DEMO_PPID_REQUESTS, stdout=stdout)
    load_handovers()
    return loaded


def load_correspondence() -> Loaded:
    """Diskominfo's chain of command and its incoming letters
    (DEMO_CORRESPONDENCE_LETTERS, default 300)."""
    from django.conf import settings  # noqa: PLC0415

    from balai.demo.correspondence import load_letters  # noqa: PLC0415

    return load_letters(count=settings.DEMO_CORRESPONDENCE_LETTERS)
