"""Demo budget: two years of the APBD of Kota Malang, generated to the real code structure
(urusan.bidang.program, .kegiatan, .sub-kegiatan; kode rekening in six levels), imported through
the budget's own import (a CSV checked row by row, then one service call per stage), and the
transparency documents of those years with a story: last year's all published (two late), this
year's published up to the revised budget, the first-semester report missing.

Program and kegiatan names follow the nomenclature of Kepmendagri 050-5889/2021; the
sub-kegiatan numbers and every amount are made up. The PDFs are specimen cover pages.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from balai.accounts.models import Role, User
from balai.agencies.models import Agency
from balai.budget import imports, matrix, services
from balai.budget.models import BudgetDocument, BudgetImport, Stage

TYPST = Path(__file__).resolve().parents[1] / "budget" / "typst" / "specimen.typ"
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
# Kegiatan of the support program every agency has, with their sub-kegiatan and accounts.
SUPPORT = [
    ("2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", [
        ("0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", ["atk", "mamin", "honor"]),
        ("0007", "Evaluasi Kinerja Perangkat Daerah", ["atk", "perjadin"]),
    ]),
    ("2.02", "Administrasi Keuangan Perangkat Daerah", [
        ("0001", "Penyediaan Gaji dan Tunjangan ASN", ["gaji", "tunjangan"]),
    ]),
    ("2.06", "Administrasi Umum Perangkat Daerah", [
        ("0002", "Penyediaan Peralatan dan Perlengkapan Kantor", ["atk", "komputer"]),
        ("0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", ["mamin", "perjadin"]),
    ]),
    ("2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", [
        ("0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", ["listrik"]),
        ("0004", "Penyediaan Jasa Pelayanan Umum Kantor", ["tenaga"]),
    ]),
]
# Accounts: code, name, the range an amount is drawn from (Rp million).
ACCOUNTS = {
    "gaji": ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS", (2400, 9800)),
    "tunjangan": ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS", (240, 980)),
    "atk": ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
            (18, 140)),
    "mamin": ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", (15, 120)),
    "honor": ("5.1.02.02.01.0003", "Honorarium Narasumber atau Pembahas, Moderator, Pembawa "
              "Acara, dan Panitia", (10, 90)),
    "perjadin": ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", (40, 380)),
    "komputer": ("5.2.02.10.01.0002", "Belanja Modal Personal Computer", (60, 650)),
    "listrik": ("5.1.02.02.01.0061", "Belanja Tagihan Listrik", (120, 900)),
    "tenaga": ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", (180, 1400)),
    "jasa": ("5.1.02.02.01.0029", "Belanja Jasa Tenaga Ahli", (80, 900)),
    "barang": ("5.1.02.01.01.0035", "Belanja Alat/Bahan untuk Kegiatan Kantor-Suvenir/Cendera "
               "Mata", (20, 160)),
    "publikasi": ("5.1.02.02.01.0063", "Belanja Jasa Iklan/Reklame, Film, dan Pemotretan",
                  (150, 1900)),
    "jalan": ("5.2.04.01.01.0012", "Belanja Modal Jalan Kota", (2500, 24000)),
    "drainase": ("5.2.04.02.01.0003", "Belanja Modal Saluran Drainase", (1500, 12000)),
    "pemeliharaan": ("5.1.02.03.03.0001", "Belanja Pemeliharaan Jalan Kota", (900, 7800)),
    "truk": ("5.2.02.03.01.0008", "Belanja Modal Dump Truck", (700, 3600)),
    "rambu": ("5.2.02.10.02.0005", "Belanja Modal Rambu Lalu Lintas", (300, 2400)),
    "obat": ("5.1.02.01.01.0055", "Belanja Obat-Obatan", (800, 6500)),
    "logistik": ("5.1.02.01.01.0049", "Belanja Bahan Logistik Bencana", (150, 1200)),
    "jaringan": ("5.1.02.02.01.0059", "Belanja Langganan Jurnal/Surat Kabar/Majalah dan "
                 "Internet", (300, 2600)),
}
# Each agency: its urusan.bidang and serial (SKPD code), and its technical programs.
AGENCIES = {
    "diskominfo": ("2.16", 1, [
        ("02", "PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK", [
            ("2.01", "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah "
             "Kabupaten/Kota", [
                ("0002", "Monitoring Opini dan Aspirasi Publik di Lingkup Pemerintah Daerah "
                 "Kabupaten/Kota", ["jasa", "honor"]),
                ("0005", "Pengelolaan Media Komunikasi Publik", ["publikasi", "barang"]),
                ("0006", "Pelayanan Informasi Publik", ["honor", "atk"]),
            ]),
        ]),
        ("03", "PROGRAM APLIKASI INFORMATIKA", [
            ("2.02", "Pengelolaan e-Government di Lingkup Pemerintah Daerah Kabupaten/Kota", [
                ("0005", "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis "
                 "Elektronik", ["jasa", "komputer"]),
                ("0006", "Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah",
                 ["jaringan", "komputer"]),
            ]),
        ]),
    ]),
    "pupr": ("1.03", 1, [
        ("05", "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM DRAINASE", [
            ("2.01", "Pengelolaan dan Pengembangan Sistem Drainase yang Terhubung Langsung "
             "dengan Sungai dalam Daerah Kabupaten/Kota", [
                ("0002", "Pembangunan Saluran Drainase Perkotaan", ["drainase"]),
                ("0004", "Pemeliharaan Saluran Drainase Perkotaan", ["pemeliharaan"]),
            ]),
        ]),
        ("10", "PROGRAM PENYELENGGARAAN JALAN", [
            ("2.01", "Penyelenggaraan Jalan Kabupaten/Kota", [
                ("0013", "Rehabilitasi Jalan", ["jalan"]),
                ("0018", "Pemeliharaan Rutin Jalan", ["pemeliharaan"]),
            ]),
        ]),
    ]),
    "dlh": ("2.11", 1, [
        ("11", "PROGRAM PENGELOLAAN PERSAMPAHAN", [
            ("2.01", "Pengelolaan Sampah", [
                ("0002", "Penyediaan Sarana dan Prasarana Pengelolaan Sampah", ["truk"]),
                ("0007", "Pengoperasian Tempat Pemrosesan Akhir Sampah", ["tenaga", "jasa"]),
            ]),
        ]),
    ]),
    "dishub": ("2.15", 1, [
        ("02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)", [
            ("2.02", "Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota", [
                ("0001", "Pengadaan Perlengkapan Jalan", ["rambu"]),
                ("0002", "Pemeliharaan Perlengkapan Jalan", ["pemeliharaan"]),
            ]),
        ]),
    ]),
    "satpolpp": ("1.05", 1, [
        ("02", "PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM", [
            ("2.01", "Penanganan Gangguan Ketenteraman dan Ketertiban Umum dalam 1 (satu) "
             "Daerah Kabupaten/Kota", [
                ("0001", "Deteksi Dini dan Pencegahan Gangguan Ketenteraman", ["honor", "mamin"]),
                ("0005", "Patroli Ketenteraman dan Ketertiban Umum", ["perjadin", "tenaga"]),
            ]),
        ]),
    ]),
    "bpbd": ("1.05", 2, [
        ("03", "PROGRAM PENANGGULANGAN BENCANA", [
            ("2.01", "Pelayanan Informasi Rawan Bencana Kabupaten/Kota", [
                ("0001", "Penyusunan Kajian Risiko Bencana", ["jasa"]),
            ]),
            ("2.03", "Penanggulangan Bencana", [
                ("0003", "Pemenuhan Kebutuhan Dasar Korban Bencana", ["logistik"]),
            ]),
        ]),
    ]),
    "dinkes": ("1.02", 1, [
        ("02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT", [
            ("2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
             "Kabupaten/Kota", [
                ("0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", ["obat", "honor"]),
                ("0011", "Pengelolaan Pelayanan Kesehatan Penyakit Menular dan Tidak Menular",
                 ["obat", "perjadin"]),
            ]),
        ]),
    ]),
}
KECAMATAN = ("7.01", [
    ("02", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", [
        ("2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan", [
            ("0002", "Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan",
             ["honor", "atk"]),
        ]),
    ]),
])
# Revenue accounts and their shares of the revenue (the real city's proportions, roughly).
REVENUE = [
    ("4.1.01.06.01.0001", "Pajak Hotel", 62_000), ("4.1.01.07.01.0001", "Pajak Restoran",
                                                   138_000),
    ("4.1.01.16.01.0001", "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan", 96_000),
    ("4.1.01.17.01.0001", "Bea Perolehan Hak atas Tanah dan Bangunan", 142_000),
    ("4.1.02.01.01.0001", "Retribusi Pelayanan Kesehatan", 41_000),
    ("4.2.01.01.01.0001", "Dana Alokasi Umum", 1_012_000),
    ("4.2.01.01.02.0001", "Dana Alokasi Khusus Fisik", 118_000),
]
FINANCING = [("6.1.01.01.01.0001", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya",
              318_000)]
MILLION = 1_000_000


def _skpd_code(urusan: str, serial: int) -> str:
    return f"{urusan}.0.00.0.00.{serial:02d}.0000"


def _lines(agency: Agency, urusan: str, serial: int, programs, rng: random.Random):
    """(skpd code, program…, account, amount in Rp) of one agency's belanja."""
    for number, program_name, kegiatan in [("01", PENUNJANG, SUPPORT), *programs]:
        program = f"{urusan}.{number}"
        for k_number, k_name, subs in kegiatan:
            k_code = f"{program}.{k_number}"
            for s_number, s_name, accounts in subs:
                for key in accounts:
                    code, name, (low, high) = ACCOUNTS[key]
                    amount = rng.randint(low, high) * MILLION // 1000 * 1000
                    yield (_skpd_code(urusan, serial), agency.name, program, program_name,
                           k_code, k_name, f"{k_code}.{s_number}", s_name, code, name, amount)


def _csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(imports.HEADERS)
    for row in rows:
        writer.writerow([*row[:-1], f"{row[-1]:,}".replace(",", ".")])
    return out.getvalue().encode()


def _stage_rows(year: int, rng: random.Random, bpkad: Agency) -> list[tuple]:
    agencies = {a.code: a for a in Agency.objects.filter(is_external=False)}
    rows = []
    for code, (urusan, serial, programs) in AGENCIES.items():
        if code in agencies:
            rows += _lines(agencies[code], urusan, serial, programs, rng)
    for serial, agency in enumerate(sorted((a for a in agencies.values()
                                            if a.level == Agency.Level.KECAMATAN),
                                           key=lambda a: a.code), start=1):
        rows += _lines(agency, KECAMATAN[0], serial, KECAMATAN[1], rng)
    # Revenue and financing sized to the spending of the demo's agencies (the real city has
    # some forty): revenue covers 94% of it, last year's surplus (SiLPA) the rest and more.
    spent = sum(row[-1] for row in rows)
    weight = sum(share for _, _, share in REVENUE)
    for code, name, share in REVENUE:
        rows.append((_skpd_code("5.02", 1), bpkad.name, "", "", "", "", "", "", code, name,
                     int(spent * 0.94 * share / weight * rng.uniform(0.97, 1.03)) // MILLION
                     * MILLION))
    for code, name, _share in FINANCING:
        rows.append((_skpd_code("5.02", 1), bpkad.name, "", "", "", "", "", "", code, name,
                     int(spent * 0.08) // MILLION * MILLION))
    return rows


def _revised(rows, rng):
    """APBD-P: most lines unchanged, some moved up or down by up to a fifth."""
    return [(*row[:-1], row[-1] if rng.random() < 0.6
             else int(row[-1] * rng.uniform(0.82, 1.2)) // 1000 * 1000) for row in rows]


def _realised(rows, rng, share: tuple[float, float]):
    """What was spent (or received): a share of the revised figure, line by line."""
    return [(*row[:-1], int(row[-1] * rng.uniform(*share)) // 1000 * 1000) for row in rows]


def _import(year, stage, rows, officer, *, on: date, as_of=None) -> None:
    data = _csv(rows)
    checked = imports.parse(f"apbd-{year}-{stage}.csv", data, agencies=services.agency_lookup())
    bad = [row for row in checked if row.errors]
    if bad:  # the generator and the import disagree: say where, loudly
        raise ValueError(f"demo budget row {bad[0].number}: {bad[0].errors}")
    batch = services.budget_stage_import(year=year, stage=stage, rows=checked, data=data,
                                         filename=f"apbd-{year}-{stage}.csv", actor=officer,
                                         as_of=as_of)
    # Published on the day the story says, not on the day the demo was loaded.
    published = timezone.make_aware(datetime.combine(on, time(10, 0)))
    BudgetImport.objects.filter(pk=batch.pk).update(created_at=published, updated_at=published)


def _officer() -> User:
    return User.objects.filter(role=Role.WALIDATA).order_by("pk").first() or \
        User.objects.filter(role=Role.ADMIN).order_by("pk").first()


def load_budget() -> int:
    """Last year (murni, perubahan, realisasi for the whole year) and this year (murni,
    perubahan from September, realisasi to the end of last month). Idempotent: a year
    already imported is left as it is."""
    today = timezone.localdate()
    officer = _officer()
    bpkad = Agency.objects.get(code="bpkad")
    loaded = 0
    for year in (today.year - 1, today.year):
        if BudgetImport.objects.filter(year=year, is_current=True).exists():
            continue
        rng = random.Random(f"balai-demo-budget-{year}")
        murni = _stage_rows(year, rng, bpkad)
        _import(year, Stage.MURNI, murni, officer, on=min(date(year, 1, 8), today))
        if year < today.year or today.month >= 10:
            perubahan = _revised(murni, rng)
            _import(year, Stage.PERUBAHAN, perubahan, officer, on=min(date(year, 10, 6), today))
        else:
            perubahan = murni
        if year < today.year:
            _import(year, Stage.REALISASI, _realised(perubahan, rng, (0.78, 0.99)), officer,
                    on=min(date(year + 1, 2, 10), today))
        elif today.month > 1:
            as_of = today.replace(day=1) - timedelta(days=1)
            share = (as_of.month / 12 * 0.72, as_of.month / 12 * 0.98)
            _import(year, Stage.REALISASI, _realised(perubahan, rng, share), officer,
                    as_of=as_of, on=min(as_of + timedelta(days=3), today))
        loaded += 1
    load_documents(officer=officer, today=today)
    return loaded


# (kind, days after its due day it was published: negative = early). This year's
# first-semester report is never published: the matrix shows it missing.
LAST_YEAR_DELAYS = {"lra_skpd": 9, "bpk_opinion": 21}


def _pdf(title: str, number: str) -> bytes:
    from balai.documents.render import typst_pdf  # noqa: PLC0415

    return typst_pdf(TYPST, {"title": title, "number": number,
                             "pemda": settings.BALAI_INSTALLATION["pemda_name"]})


def load_documents(*, officer: User, today: date) -> None:
    for year in (today.year - 1, today.year, today.year + 1):
        for kind in matrix.KINDS:
            due = matrix.due_on(kind, year)
            if kind.code == "lra_semester" and year == today.year:
                continue
            published = due + timedelta(days=LAST_YEAR_DELAYS.get(kind.code, -6)) \
                if year < today.year else due - timedelta(days=4)
            if year > today.year and kind.code == "raperda_apbd":
                continue  # next year's draft budget: submitted, not yet made public
            if published > today or BudgetDocument.objects.filter(
                    year=year, kind=kind.code).exists():
                continue
            with translation.override("id"):
                title = f"{kind.label} Tahun Anggaran {year}"
            number = f"{(len(kind.code) * 7 + year) % 40 + 1}/{year}" \
                if kind.code.startswith(("perda", "penjabaran")) else ""
            services.budget_document_publish(year=year, kind=kind.code, title=str(title),
                                             number=number, published_on=published,
                                             data=_pdf(str(title), number), actor=officer)
