"""The forwarded complaints as rows for SP4N-LAPOR!'s operators to enter there.

The headers are LAPOR!'s own words, fixed (not translated), and those that come back in
LAPOR!'s export carry the names the import reads (imports.HEADERS), so that `nomor_balai`
links each LAPOR! number to our complaint on the way back (docs/lapor.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from balai.complaints.models import Complaint

HEADERS = ["nomor_balai", "tanggal_laporan", "judul", "isi_laporan", "kategori",
           "klasifikasi", "instansi_tujuan", "alamat", "kelurahan", "kecamatan", "latitude",
           "longitude", "anonim", "rahasia", "nama_pelapor", "kontak_pelapor", "tautan"]


def _yes(flag: bool) -> str:
    return "Ya" if flag else "Tidak"


def export_rows(qs: QuerySet[Complaint], *, site_url: str) -> Iterator[list]:
    """One row per complaint. The reporter's name and contact go only where the reporter
    agreed that their identity may go with a forward and is not anonim (the same rule as
    a forward over Open311); LAPOR! keeps its own rahasia flag, so a rahasia complaint is
    listed with it, and without a public link."""
    for c in qs.select_related("category", "forwarded_to", "kelurahan", "kecamatan").iterator(
            chunk_size=1000):
        identity = c.share_identity and not c.is_anonymous
        yield [c.code, timezone.localdate(c.submitted_at).isoformat(), c.title, c.description,
               c.category.name, "Pengaduan", c.forwarded_to.name, c.address,
               c.kelurahan.name if c.kelurahan else "", c.kecamatan.name if c.kecamatan else "",
               round(c.lat, 6), round(c.lng, 6), _yes(c.is_anonymous), _yes(c.is_confidential),
               c.reporter_name if identity else "",
               (c.reporter_phone or c.reporter_email) if identity else "",
               "" if c.is_confidential
               else site_url + reverse("complaints:track_detail", args=[c.code])]
