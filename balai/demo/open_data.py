"""Demo open data: the datasets balai computes from its own records, and 25 files the demo's
agencies publish (made-up figures per kelurahan, kecamatan or month, marked as demo data),
added and published through the walidata's own services, so each file passed the
personal-data check."""

from __future__ import annotations

import csv
import io
import random

from balai.accounts.models import Role, User
from balai.agencies.models import Agency
from balai.geo.models import Area
from balai.open_data import services
from balai.open_data.models import Dataset, Frequency, Topic

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
K, KEC, M = "kelurahan", "kecamatan", "bulan"
# slug, title, producer, topic, per, columns (name, low, high), unit, keywords
FILES = [
    ("jumlah-posyandu", "Jumlah posyandu per kelurahan", "dinkes", Topic.HEALTH, K,
     [("posyandu_aktif", 4, 14)], "posyandu", "posyandu, kesehatan ibu dan anak"),
    ("kasus-dbd", "Kasus demam berdarah dengue per kelurahan", "dinkes", Topic.HEALTH, K,
     [("kasus", 0, 22), ("meninggal", 0, 0)], "kasus", "dbd, demam berdarah"),
    ("imunisasi-dasar-lengkap", "Cakupan imunisasi dasar lengkap per kelurahan", "dinkes",
     Topic.HEALTH, K, [("sasaran_bayi", 120, 420), ("imunisasi_lengkap", 100, 400)], "bayi",
     "imunisasi"),
    ("puskesmas-per-kecamatan", "Puskesmas dan pustu per kecamatan", "dinkes", Topic.HEALTH,
     KEC, [("puskesmas", 2, 5), ("puskesmas_pembantu", 3, 9)], "unit", "puskesmas"),
    ("timbulan-sampah", "Timbulan sampah harian per kecamatan", "dlh", Topic.ENVIRONMENT, KEC,
     [("ton_per_hari", 90, 210)], "ton/hari", "sampah"),
    ("tps-per-kelurahan", "Tempat penampungan sementara (TPS) per kelurahan", "dlh",
     Topic.ENVIRONMENT, K, [("tps", 0, 4), ("tps3r", 0, 1)], "unit", "sampah, tps"),
    ("bank-sampah", "Bank sampah per kelurahan", "dlh", Topic.ENVIRONMENT, K,
     [("bank_sampah", 0, 9), ("nasabah", 0, 600)], "unit", "sampah, bank sampah"),
    ("ruang-terbuka-hijau", "Ruang terbuka hijau publik per kecamatan", "dlh", Topic.ENVIRONMENT,
     KEC, [("taman", 6, 30), ("luas_ha", 12, 90)], "hektare", "rth, taman"),
    ("panjang-jalan-kota", "Panjang jalan kota per kecamatan", "pupr", Topic.INFRASTRUCTURE, KEC,
     [("baik_km", 60, 180), ("sedang_km", 20, 70), ("rusak_km", 3, 25)], "km", "jalan"),
    ("saluran-drainase", "Saluran drainase per kecamatan", "pupr", Topic.INFRASTRUCTURE, KEC,
     [("panjang_km", 40, 160), ("perlu_normalisasi_km", 2, 18)], "km", "drainase, banjir"),
    ("titik-genangan", "Titik rawan genangan per kelurahan", "pupr", Topic.INFRASTRUCTURE, K,
     [("titik", 0, 6)], "titik", "genangan, banjir"),
    ("lampu-penerangan-jalan", "Lampu penerangan jalan umum per kelurahan", "pupr",
     Topic.INFRASTRUCTURE, K, [("lampu", 80, 640), ("padam_dilaporkan", 0, 12)], "unit",
     "pju, lampu jalan"),
    ("lampu-lalu-lintas", "Lampu lalu lintas per kecamatan", "dishub", Topic.TRANSPORT, KEC,
     [("simpang_apill", 8, 30)], "simpang", "apill, lalu lintas"),
    ("penumpang-angkot", "Penumpang angkutan kota per bulan", "dishub", Topic.TRANSPORT, M,
     [("penumpang", 410000, 560000)], "orang", "angkot, angkutan umum"),
    ("parkir-resmi", "Titik parkir tepi jalan resmi per kecamatan", "dishub", Topic.TRANSPORT,
     KEC, [("titik_parkir", 40, 160), ("juru_parkir", 60, 230)], "titik", "parkir"),
    ("rambu-terpasang", "Rambu lalu lintas terpasang per bulan", "dishub", Topic.TRANSPORT, M,
     [("rambu_baru", 10, 80), ("rambu_diganti", 5, 40)], "unit", "rambu"),
    ("kejadian-bencana", "Kejadian bencana per kelurahan", "bpbd", Topic.SAFETY, K,
     [("banjir", 0, 4), ("tanah_longsor", 0, 2), ("pohon_tumbang", 0, 7)], "kejadian",
     "bencana, banjir, longsor"),
    ("kelurahan-tangguh-bencana", "Kelurahan tangguh bencana", "bpbd", Topic.SAFETY, K,
     [("destana", 0, 1), ("relawan", 0, 40)], "kelurahan", "destana, relawan"),
    ("penertiban-pkl", "Penertiban pedagang kaki lima per bulan", "satpolpp", Topic.SAFETY, M,
     [("penertiban", 8, 40), ("pkl_ditertibkan", 30, 220)], "kegiatan", "pkl, ketertiban"),
    ("pelanggaran-perda", "Pelanggaran peraturan daerah per bulan", "satpolpp", Topic.SAFETY, M,
     [("reklame_liar", 10, 90), ("bangunan_tanpa_izin", 0, 12)], "kasus", "perda, reklame"),
    ("wifi-publik", "Titik wifi publik per kelurahan", "diskominfo", Topic.ICT, K,
     [("titik_wifi", 1, 9), ("pengguna_bulanan", 300, 4800)], "titik", "wifi, internet"),
    ("pengunjung-situs", "Pengunjung situs pemerintah kota per bulan", "diskominfo", Topic.ICT, M,
     [("kunjungan", 180000, 420000), ("pengunjung_unik", 60000, 150000)], "kunjungan",
     "situs, website"),
    ("cctv-kota", "Kamera CCTV kota per kecamatan", "diskominfo", Topic.ICT, KEC,
     [("cctv_lalu_lintas", 20, 80), ("cctv_ruang_publik", 10, 60)], "kamera", "cctv"),
    ("pad-per-bulan", "Realisasi pendapatan asli daerah per bulan", "bpkad", Topic.ECONOMY, M,
     [("pajak_daerah_juta", 38000, 76000), ("retribusi_juta", 2200, 5200)], "juta rupiah",
     "pad, pajak daerah"),
    ("rt-rw-per-kelurahan", "Jumlah RT dan RW per kelurahan", "kec-klojen", Topic.GOVERNMENT, K,
     [("rw", 4, 16), ("rt", 30, 130)], "RT/RW", "rt, rw, wilayah"),
]
NOTE = ("Data contoh untuk demo balai: angka dibuat-buat, bukan data resmi Pemerintah Kota "
        "Malang.")


def _rows(per: str, columns, rng: random.Random, year: int):
    if per == M:
        places = [[f"{year}-{m:02d}", name] for m, name in enumerate(MONTHS, start=1)]
        head = ["bulan", "nama_bulan"]
    else:
        level = Area.Level.KELURAHAN if per == K else Area.Level.KECAMATAN
        places = [[a.code, a.name] for a in Area.objects.filter(level=level).order_by("code")]
        head = [f"kode_{per}", per]
    rows = [place + [rng.randint(low, high) for _, low, high in columns] for place in places]
    return head + [name for name, _, _ in columns], rows


def _csv(headers, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


def load_open_data(*, year: int) -> int:
    """Idempotent: the computed datasets refreshed, each file dataset added once."""
    services.builtin_datasets_sync()
    officer = User.objects.filter(role=Role.WALIDATA).order_by("pk").first()
    agencies = {a.code: a for a in Agency.objects.filter(is_external=False)}
    made = 0
    for slug, title, producer, topic, per, columns, unit, tags in FILES:
        if Dataset.objects.filter(slug=slug).exists() or producer not in agencies:
            continue
        rng = random.Random(f"balai-demo-data-{slug}")
        data_year = year - 1
        headers, rows = _rows(per, columns, rng, data_year)
        dataset = services.dataset_save(
            actor=officer, slug=slug, title=f"{title} {data_year}",
            description=f"{title} di Kota Malang, tahun {data_year}. {NOTE}",
            producer=agencies[producer], topic=topic, frequency=Frequency.YEARLY
            if per != M else Frequency.MONTHLY, period=str(data_year), unit=unit,
            reference_codes="Kode wilayah Kepmendagri 300.2.2-2430/2025" if per != M else "",
            tags=tags)
        services.resource_add(dataset=dataset, name=f"{title} {data_year} (CSV)",
                              filename=f"{slug}.csv", data=_csv(headers, rows), actor=officer)
        services.dataset_publish(dataset=dataset, actor=officer)
        made += 1
    return made
