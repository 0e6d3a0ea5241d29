"""The datasets balai computes from its own records, always current and never carrying a
person: each is a function returning its columns and rows, with its Satu Data metadata.

Counts only: no complaint text, no reporter, no requester; towers and KIM are registries whose
public pages already show what is listed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from balai.open_data.models import Frequency, Topic


@dataclass(frozen=True)
class Builtin:
    key: str
    slug: str
    title: str
    description: str
    producer: str  # the agency code answering for it
    topic: str
    frequency: str
    unit: str
    reference_codes: str
    tags: str
    table: Callable[[], tuple[list[str], list[list]]]


def _area_names(ids) -> dict[int, tuple[str, str]]:
    from balai.geo.models import Area  # noqa: PLC0415

    areas = Area.objects.in_bulk([i for i in ids if i])
    return {pk: (a.code, a.name) for pk, a in areas.items()}


def complaints_by_kelurahan_month():
    from balai.complaints.models import Category, DailyRollup  # noqa: PLC0415

    grouped = (DailyRollup.objects.annotate(month=TruncMonth("day"))
               .values("month", "kelurahan_id", "category_id").order_by()
               .annotate(received=Sum("received"), answered=Sum("answered"),
                         on_time=Sum("on_time")))
    grouped = list(grouped)
    areas = _area_names({g["kelurahan_id"] for g in grouped})
    categories = {c.pk: c.name for c in Category.objects.all()}
    rows = []
    for g in sorted(grouped, key=lambda g: (g["month"], areas.get(g["kelurahan_id"], ("",))[0],
                                            g["category_id"])):
        code, name = areas.get(g["kelurahan_id"], ("", "(di luar kelurahan)"))
        rows.append([g["month"].strftime("%Y-%m"), code, name,
                     categories.get(g["category_id"], ""), g["received"], g["answered"],
                     g["on_time"]])
    return (["bulan", "kode_kelurahan", "kelurahan", "kategori", "diterima", "dijawab",
             "tepat_waktu"], rows)


def ppid_requests_by_month():
    from balai.ppid.models import InformationRequest  # noqa: PLC0415

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (InformationRequest.objects.annotate(month=TruncMonth("received_at"))
                .values("month", "status").order_by().annotate(n=Count("pk"))):
        month = timezone.localtime(row["month"]).strftime("%Y-%m") if timezone.is_aware(
            row["month"]) else row["month"].strftime("%Y-%m")
        counts[month][row["status"]] += row["n"]
    statuses = [s.value for s in InformationRequest.Status]
    return (["bulan", *[f"status_{s}" for s in statuses], "jumlah"],
            [[month, *[c[s] for s in statuses], sum(c.values())]
             for month, c in sorted(counts.items())])


def towers_registry():
    from balai.towers.models import Tower  # noqa: PLC0415

    rows = [[t.code, t.get_site_type_display(), float(t.height_m), t.get_status_display(),
             "ya" if t.is_shared else "tidak", t.kelurahan.code if t.kelurahan else "",
             t.kelurahan.name if t.kelurahan else "", t.lat, t.lng, t.company.name]
            for t in Tower.objects.select_related("kelurahan", "company").order_by("code")]
    return (["kode", "tipe", "tinggi_m", "status", "bersama", "kode_kelurahan", "kelurahan",
             "lintang", "bujur", "pemilik"], rows)


def kim_registry():
    from balai.community_groups.models import Kim  # noqa: PLC0415

    rows = [[k.name, k.kelurahan.code, k.kelurahan.name, k.get_status_display(),
             k.founded_on.year if k.founded_on else ""]
            for k in Kim.objects.select_related("kelurahan").order_by("kelurahan__code")]
    return (["nama_kim", "kode_kelurahan", "kelurahan", "status", "tahun_berdiri"], rows)


def budget_by_agency():
    from balai.budget import selectors  # noqa: PLC0415

    rows = []
    for year in sorted(selectors.published_years()):
        for r in selectors.spending_by_agency(year):
            a = r.amounts
            rows.append([year, r.agency.name, a.murni, a.perubahan if a.perubahan is not None
                         else "", a.realisasi if a.realisasi is not None else ""])
    return (["tahun", "perangkat_daerah", "anggaran_murni", "anggaran_perubahan",
             "realisasi"], rows)


def public_services_directory():
    from balai.public_services.models import Service  # noqa: PLC0415

    rows = []
    for s in (Service.objects.filter(is_published=True).select_related("agency")
              .order_by("agency__name", "name")):
        fee = "" if s.fee_kind != Service.FeeKind.CHARGED else (
            int(s.fee_amount) if s.fee_amount is not None else "sesuai ketentuan")
        rows.append([s.agency.name, s.name, s.duration_value or "",
                     s.get_duration_unit_display() if s.duration_unit else "",
                     "gratis" if s.fee_kind == Service.FeeKind.FREE else
                     ("berbayar" if s.fee_kind else ""), fee, s.decree_number,
                     s.decree_date.isoformat() if s.decree_date else ""])
    return (["instansi", "layanan", "waktu_penyelesaian", "satuan_waktu", "biaya",
             "tarif_rp", "nomor_sk_standar", "tanggal_sk_standar"], rows)


KEMENDAGRI = "Kode wilayah Kepmendagri 300.2.2-2430/2025"
BUILTINS = [
    Builtin("complaints", "pengaduan-per-kelurahan-per-bulan",
            "Pengaduan warga per kelurahan, kategori dan bulan",
            "Jumlah pengaduan yang diterima, dijawab dan dijawab tepat waktu per kelurahan, "
            "kategori dan bulan, dihitung otomatis dari layanan pengaduan. Hanya angka: tanpa "
            "isi aduan dan tanpa identitas pelapor.", "diskominfo", Topic.GOVERNMENT,
            Frequency.DAILY, "aduan", KEMENDAGRI, "pengaduan, layanan publik, kelurahan",
            complaints_by_kelurahan_month),
    Builtin("ppid", "permohonan-informasi-publik-per-bulan",
            "Permohonan informasi publik per bulan dan status",
            "Jumlah permohonan informasi publik (UU 14/2008) per bulan diterima dan menurut "
            "statusnya saat ini, dihitung otomatis dari layanan PPID. Tanpa identitas pemohon.",
            "diskominfo", Topic.GOVERNMENT, Frequency.DAILY, "permohonan", "",
            "ppid, keterbukaan informasi", ppid_requests_by_month),
    Builtin("towers", "menara-telekomunikasi", "Menara telekomunikasi",
            "Daftar menara telekomunikasi di wilayah kota: kode pelat, tipe, tinggi, status, "
            "kelurahan, titik koordinat dan perusahaan pemilik, dari register menara.",
            "diskominfo", Topic.ICT, Frequency.IRREGULAR, "menara", KEMENDAGRI,
            "menara, telekomunikasi", towers_registry),
    Builtin("kim", "komunitas-informasi-masyarakat", "Komunitas Informasi Masyarakat (KIM)",
            "Daftar KIM per kelurahan dengan statusnya, dari register KIM. Tanpa data "
            "anggota.", "diskominfo", Topic.ICT, Frequency.IRREGULAR, "KIM", KEMENDAGRI,
            "kim, komunitas", kim_registry),
    Builtin("budget", "belanja-per-perangkat-daerah", "Belanja daerah per perangkat daerah",
            "Anggaran belanja (murni dan perubahan) dan realisasinya per perangkat daerah dan "
            "tahun, dari APBD yang diterbitkan di halaman Anggaran.", "bpkad", Topic.ECONOMY,
            Frequency.MONTHLY, "rupiah", "Permendagri 90/2019 (kodefikasi)",
            "apbd, anggaran, belanja", budget_by_agency),
    Builtin("services", "daftar-layanan-publik", "Daftar layanan publik dan standar pelayanannya",
            "Layanan setiap perangkat daerah dan instansi vertikal dari direktori layanan: "
            "waktu penyelesaian, biaya atau tarif, dan keputusan yang menetapkan standar "
            "pelayanannya (UU 25/2009 Pasal 21).", "diskominfo", Topic.GOVERNMENT,
            Frequency.IRREGULAR, "layanan", "", "layanan publik, standar pelayanan",
            public_services_directory),
]
BY_KEY = {b.key: b for b in BUILTINS}
